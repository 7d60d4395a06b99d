"""Sampling n responses per prompt (HF generate, or vLLM when asked for and importable) and packing them for the trainer.

Packing puts each sample as prompt ++ response [++ z_c] right-padded, so the self-reward token z_c sits right after the
response's EOS and its log-prob comes out of the same forward pass as the response tokens' log-probs.
"""

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple


@dataclass
class Samples:
    prompt_ids: List[List[int]]  # one entry per sample (a prompt repeated n times)
    responses: List[List[int]]  # generated tokens, cut right after the first EOS
    finished: List[bool]  # an EOS was generated within max_response_length
    group: List[int]  # which prompt of the step the sample answers


def split_at_eos(tokens: Sequence[int], eos_ids: Sequence[int], max_len: int) -> Tuple[List[int], bool]:
    """The response up to and including its first EOS, and whether it finished within max_len tokens."""
    tokens = list(tokens[:max_len])
    for i, t in enumerate(tokens):
        if t in eos_ids:
            return tokens[: i + 1], True
    return tokens, False


def place_self_reward_token(response: Sequence[int], finished: bool, zc_id: int) -> Tuple[List[int], Optional[int]]:
    """The response with z_c appended right after its EOS, and the index of z_c; truncated responses get no z_c (None)."""
    if not finished:
        return list(response), None
    return list(response) + [zc_id], len(response)


@dataclass
class Packed:
    input_ids: "object"  # LongTensor [B, T]
    attention_mask: "object"  # LongTensor [B, T]
    position_ids: "object"  # LongTensor [B, T]
    targets: "object"  # LongTensor [B, R]: response tokens then z_c, padded; R = longest response + 1
    target_pos: "object"  # LongTensor [B, R]: sequence position whose logits predict targets[:, j]
    response_mask: "object"  # FloatTensor [B, R]: 1 on response tokens (EOS included), 0 on z_c and padding
    zc_index: "object"  # LongTensor [B]: column of z_c in targets (0 where there is none)
    has_zc: "object"  # BoolTensor [B]


def pack(prompt_ids: Sequence[Sequence[int]], responses: Sequence[Sequence[int]], with_zc: Sequence[bool], zc_id: int,
         pad_id: int, device="cpu") -> Packed:
    import torch

    b = len(responses)
    r_width = max((len(r) for r in responses), default=0) + 1
    rows, zc_cols = [], []
    for resp, flag in zip(responses, with_zc):
        full, col = place_self_reward_token(resp, flag, zc_id)
        rows.append(full)
        zc_cols.append(col)
    t_width = max(len(p) + len(r) for p, r in zip(prompt_ids, rows))
    input_ids = torch.full((b, t_width), pad_id, dtype=torch.long)
    attention = torch.zeros((b, t_width), dtype=torch.long)
    targets = torch.full((b, r_width), pad_id, dtype=torch.long)
    target_pos = torch.zeros((b, r_width), dtype=torch.long)
    response_mask = torch.zeros((b, r_width), dtype=torch.float32)
    for i, (prompt, full) in enumerate(zip(prompt_ids, rows)):
        seq = list(prompt) + full
        input_ids[i, : len(seq)] = torch.tensor(seq, dtype=torch.long)
        attention[i, : len(seq)] = 1
        if full:
            targets[i, : len(full)] = torch.tensor(full, dtype=torch.long)
        target_pos[i] = torch.clamp(torch.arange(r_width) + len(prompt) - 1, max=t_width - 1)
        response_mask[i, : len(responses[i])] = 1.0
    zc_index = torch.tensor([c if c is not None else 0 for c in zc_cols], dtype=torch.long)
    has_zc = torch.tensor([c is not None for c in zc_cols], dtype=torch.bool)
    position_ids = torch.arange(t_width, dtype=torch.long).unsqueeze(0).expand(b, -1).contiguous()
    return Packed(*(x.to(device) for x in (input_ids, attention, position_ids, targets, target_pos, response_mask, zc_index, has_zc)))


def generate_hf(model, prompts: Sequence[Sequence[int]], n: int, max_new_tokens: int, eos_ids: Sequence[int], pad_id: int,
                temperature: float = 1.0, top_p: float = 1.0, do_sample: bool = True, chunk: int = 64,
                device="cpu") -> Tuple[List[List[int]], List[bool]]:
    """n samples per prompt, grouped (prompt 0's n samples first); returns the responses cut at EOS and their finished flags."""
    import torch

    responses: List[List[int]] = []
    finished: List[bool] = []
    was_training = model.training
    model.eval()
    try:
        for start in range(0, len(prompts), chunk):
            part = prompts[start : start + chunk]
            width = max(len(p) for p in part)
            ids = torch.full((len(part), width), pad_id, dtype=torch.long)
            mask = torch.zeros_like(ids)
            for i, p in enumerate(part):  # left padding for batched decoding
                ids[i, width - len(p):] = torch.tensor(list(p), dtype=torch.long)
                mask[i, width - len(p):] = 1
            kwargs = dict(do_sample=do_sample, temperature=temperature, top_p=top_p, top_k=0) if do_sample else dict(do_sample=False)
            with torch.no_grad():
                out = model.generate(
                    input_ids=ids.to(device), attention_mask=mask.to(device), max_new_tokens=max_new_tokens,
                    num_return_sequences=n, eos_token_id=list(eos_ids), pad_token_id=pad_id, use_cache=True, **kwargs,
                )
            for row in out[:, width:].tolist():
                resp, done = split_at_eos(row, eos_ids, max_new_tokens)
                responses.append(resp)
                finished.append(done)
    finally:
        model.train(was_training)
    return responses, finished


class VllmRollout:
    """vLLM sampling for GPU runs; the policy's weights are pushed into the engine before each rollout.

    Only used when `rollout_name: vllm` is configured and vllm imports; HF generate is the tested path.
    """

    def __init__(self, model_path: str, gpu_memory_utilization: float = 0.5, seed: int = 0):
        from vllm import LLM

        self._llm = LLM(model=model_path, gpu_memory_utilization=gpu_memory_utilization, seed=seed, enable_prefix_caching=True)

    def sync_weights(self, model) -> None:
        state = [(k, v.detach()) for k, v in model.state_dict().items()]
        engine = self._llm.llm_engine
        if hasattr(self._llm, "collective_rpc"):
            self._llm.collective_rpc(lambda worker: worker.model_runner.model.load_weights(state))  # type: ignore[attr-defined]
        else:
            engine.model_executor.driver_worker.model_runner.model.load_weights(state)

    def generate(self, prompts: Sequence[Sequence[int]], n: int, max_new_tokens: int, eos_ids: Sequence[int],
                 temperature: float, top_p: float, seed: int) -> Tuple[List[List[int]], List[bool]]:
        from vllm import SamplingParams

        params = SamplingParams(n=n, temperature=temperature, top_p=top_p, max_tokens=max_new_tokens,
                                stop_token_ids=list(eos_ids), seed=seed)
        try:
            outs = self._llm.generate([{"prompt_token_ids": list(p)} for p in prompts], params, use_tqdm=False)
        except TypeError:  # older vLLM: prompt_token_ids keyword
            outs = self._llm.generate(prompt_token_ids=[list(p) for p in prompts], sampling_params=params, use_tqdm=False)
        responses, finished = [], []
        for out in outs:
            for comp in out.outputs:
                resp, done = split_at_eos(list(comp.token_ids), eos_ids, max_new_tokens)
                if not done and comp.finish_reason == "stop" and len(resp) < max_new_tokens:
                    resp, done = resp + [eos_ids[0]], True  # vLLM drops the stop token from token_ids
                responses.append(resp)
                finished.append(done)
        return responses, finished
