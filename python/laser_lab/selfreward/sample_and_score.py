"""Sampling with a KV cache that scores each sample in the same pass: when a row emits EOS, the next forward step (which
feeds that EOS) yields log π(· | x, y, eos), so log π(z_c) costs no extra pass; only when the last rows finish (or hit
the length limit, where EOS is appended as LaSeR's scorer does) is one more single-token step run."""

from dataclasses import dataclass
from typing import List, Optional, Sequence


@dataclass
class Sampled:
    responses: List[List[int]]  # generated tokens up to (not including) the EOS
    finished: List[bool]  # produced EOS within max_new_tokens
    zc_logprobs: List[Optional[float]]  # log π(z_c | x, y, eos); None when scoring is off
    stop_tokens: List[int]  # the EOS each row ended with (the first EOS id for rows that hit the length limit)


def _sample(logits, temperature: float, top_p: float, generator):
    import torch

    if temperature <= 0:
        return logits.argmax(-1)
    probs = torch.softmax(logits / temperature, dim=-1)
    if top_p < 1.0:
        sorted_probs, order = probs.sort(dim=-1, descending=True)
        drop = sorted_probs.cumsum(-1) - sorted_probs > top_p  # keep the smallest prefix reaching top_p (at least one)
        sorted_probs = sorted_probs.masked_fill(drop, 0.0)
        probs = torch.zeros_like(probs).scatter(-1, order, sorted_probs)
    # inverse CDF with one uniform per row: torch.multinomial (and any per-token noise) is slow on CPU for 150k vocabularies
    cdf = probs.cumsum(-1)
    u = torch.rand((probs.shape[0], 1), generator=generator, device=probs.device) * cdf[:, -1:]
    return torch.searchsorted(cdf, u).squeeze(-1).clamp(max=probs.shape[-1] - 1)


def sample_and_score(model, prompts: Sequence[Sequence[int]], max_new_tokens: int, eos_ids: Sequence[int], pad_id: int,
                     zc_id: int, temperature: float = 1.0, top_p: float = 1.0, seed: int = 0, device: str = "cpu",
                     score: bool = True) -> Sampled:
    """One sample per prompt row (repeat a prompt n times for n samples). score=False: plain generation."""
    import torch

    b = len(prompts)
    width = max(len(p) for p in prompts)
    ids = torch.full((b, width), pad_id, dtype=torch.long)
    mask = torch.zeros((b, width), dtype=torch.long)
    for i, p in enumerate(prompts):  # left padding; positions come from the mask
        ids[i, width - len(p):] = torch.tensor(list(p), dtype=torch.long)
        mask[i, width - len(p):] = 1
    ids, mask = ids.to(device), mask.to(device)
    next_pos = mask.sum(-1)  # position of each row's next real token
    generator = torch.Generator(device=device).manual_seed(seed)
    eos = torch.tensor(list(eos_ids), device=device)
    responses: List[List[int]] = [[] for _ in range(b)]
    finished = [False] * b
    zc: List[Optional[float]] = [None] * b
    stops: List[int] = [int(eos_ids[0])] * b
    active = torch.ones(b, dtype=torch.bool, device=device)
    pending = torch.zeros(b, dtype=torch.bool, device=device)  # rows whose EOS was fed by the last step

    with torch.no_grad():
        out = model(input_ids=ids, attention_mask=mask, position_ids=(mask.cumsum(-1) - 1).clamp(min=0),
                    use_cache=True, logits_to_keep=1)
        cache, logits = out.past_key_values, out.logits[:, -1].float()
        def read_pending() -> None:
            if pending.any():
                values = torch.log_softmax(logits[pending], dim=-1)[:, zc_id].tolist()
                for i, v in zip(pending.nonzero().flatten().tolist(), values):
                    zc[i] = v
                pending[:] = False

        for step in range(max_new_tokens + 1):
            read_pending()
            if not active.any():
                break
            if step == max_new_tokens:
                if not score:
                    break
                fed = torch.where(active, eos[0], torch.full_like(next_pos, pad_id))  # truncated rows: append EOS
                just_done = active.clone()
            else:
                token = _sample(logits, temperature, top_p, generator)
                fed = torch.where(active, token, torch.full_like(token, pad_id))
                for i in active.nonzero().flatten().tolist():
                    responses[i].append(int(token[i]))
                just_done = active & torch.isin(token, eos)
                for i in just_done.nonzero().flatten().tolist():
                    stops[i] = responses[i].pop()
                    finished[i] = True
                if not score and bool((active & ~just_done).sum() == 0):
                    break
            column = active.long()  # rows done earlier feed a masked pad
            mask = torch.cat([mask, column.unsqueeze(1)], dim=1)
            out = model(input_ids=fed.unsqueeze(1), attention_mask=mask, position_ids=next_pos.unsqueeze(1),
                        past_key_values=cache, use_cache=True, logits_to_keep=1)
            cache, logits = out.past_key_values, out.logits[:, -1].float()
            next_pos = next_pos + column
            if score:
                pending = just_done
            active = active & ~just_done
        read_pending()
    return Sampled(responses, finished, zc, stops)
