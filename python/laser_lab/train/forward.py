"""One forward pass gives the response tokens' log-probs and, at the column after EOS, log π(z_c | x, y, eos)."""

from typing import Optional, Tuple

from .rollout import Packed


def _logits_at(model, packed: Packed):
    """Logits only at the positions that predict response tokens (and z_c): [B, R, V]."""
    import torch

    base = getattr(model, "base_model", None)
    head = model.get_output_embeddings() if hasattr(model, "get_output_embeddings") else None
    if base is not None and base is not model and head is not None:
        hidden = base(input_ids=packed.input_ids, attention_mask=packed.attention_mask, position_ids=packed.position_ids,
                      use_cache=False).last_hidden_state
        index = packed.target_pos.unsqueeze(-1).expand(-1, -1, hidden.size(-1))
        return head(torch.gather(hidden, 1, index)).float()
    logits = model(input_ids=packed.input_ids, attention_mask=packed.attention_mask, position_ids=packed.position_ids,
                   use_cache=False).logits
    index = packed.target_pos.unsqueeze(-1).expand(-1, -1, logits.size(-1))
    return torch.gather(logits, 1, index).float()


def token_logprobs(model, packed: Packed, temperature: float = 1.0, with_entropy: bool = False
                   ) -> Tuple["object", Optional["object"]]:
    """log-probs [B, R] of packed.targets under logits / temperature (and the entropy per position when asked)."""
    import torch

    logits = _logits_at(model, packed) / temperature
    logp_all = torch.log_softmax(logits, dim=-1)
    logp = torch.gather(logp_all, -1, packed.targets.unsqueeze(-1)).squeeze(-1)
    entropy = None
    if with_entropy:
        entropy = -(logp_all.exp() * logp_all).sum(-1)
    return logp, entropy


def self_reward_logprob(logp, packed: Packed, temperature: float = 1.0):
    """log π(z_c | x, y, eos) per sample, scaled back by the temperature as the LaSeR actor does; 0 where there is no z_c."""
    import torch

    picked = torch.gather(logp, 1, packed.zc_index.unsqueeze(1)).squeeze(1) * temperature
    return torch.where(packed.has_zc, picked, torch.zeros_like(picked))
