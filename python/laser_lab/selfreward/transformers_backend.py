"""log π(z_c | x, y, eos) with transformers: token-budget batches sorted by length, right padding (positions as in
training), and the LM head applied only to each row's last hidden state, so [B, T, V] logits never exist."""

from typing import Callable, List, Optional, Sequence

from .sequences import token_budget_batches


def decoder_of(model):
    body = model.get_decoder() if hasattr(model, "get_decoder") else None
    return body if body is not None else model.base_model


def last_token_logprobs(model, seqs: Sequence[Sequence[int]], token_id: int, pad_id: int, batch_tokens: int = 8192,
                        device: str = "cpu", on_batch: Optional[Callable[[int], None]] = None) -> List[float]:
    """For each sequence, log softmax(logits at its last position)[token_id] (in float32)."""
    import torch

    body, head = decoder_of(model), model.get_output_embeddings()
    values: List[float] = [0.0] * len(seqs)
    with torch.no_grad():
        for batch in token_budget_batches([len(s) for s in seqs], batch_tokens):
            width = len(seqs[batch[0]])
            ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, i in enumerate(batch):
                ids[row, : len(seqs[i])] = torch.tensor(list(seqs[i]), dtype=torch.long)
                mask[row, : len(seqs[i])] = 1
            hidden = body(input_ids=ids.to(device), attention_mask=mask.to(device), use_cache=False).last_hidden_state
            last = torch.tensor([len(seqs[i]) - 1 for i in batch], device=hidden.device)
            picked = hidden[torch.arange(len(batch), device=hidden.device), last]
            logp = torch.log_softmax(head(picked).float(), dim=-1)[:, token_id]
            for row, i in enumerate(batch):
                values[i] = float(logp[row])
            if on_batch is not None:
                on_batch(len(batch))
    return values
