"""log π(z_c | x, y, eos) with vLLM, as LaSeR's src/calculate_self_rewarding_scores.py reads it: the sequence plus z_c
is sent as a prompt with prompt_logprobs, one token is generated and ignored, and the log-prob vLLM reports for the
final prompt token (z_c) is the score's input. Prefix caching is on, so responses to the same problem share the prompt.

Only imported when `--backend vllm` is asked for (vLLM needs a CUDA machine)."""

from typing import Callable, List, Optional, Sequence


class VllmScorer:
    def __init__(self, model_path: str, gpu_memory_utilization: float = 0.6, max_model_len: Optional[int] = None):
        try:
            from vllm import LLM
        except ImportError:
            raise ValueError("--backend vllm: vllm is not installed in this Python environment "
                             "(use --backend transformers, or install vllm on a CUDA machine)") from None
        import torch

        kwargs = {"max_model_len": max_model_len} if max_model_len else {}
        self._llm = LLM(model=model_path, tokenizer=model_path, gpu_memory_utilization=gpu_memory_utilization,
                        tensor_parallel_size=max(1, torch.cuda.device_count()), enable_prefix_caching=True, **kwargs)

    def last_token_logprobs(self, seqs: Sequence[Sequence[int]], token_id: int, chunk: int = 256,
                            on_batch: Optional[Callable[[int], None]] = None) -> List[float]:
        from vllm import SamplingParams

        params = SamplingParams(temperature=0.0, max_tokens=1, n=1, prompt_logprobs=0, logprobs=0, ignore_eos=True)
        values: List[float] = []
        for start in range(0, len(seqs), chunk):
            part = [list(s) + [token_id] for s in seqs[start:start + chunk]]
            try:
                outs = self._llm.generate([{"prompt_token_ids": p} for p in part], params, use_tqdm=False)
            except TypeError:  # older vLLM: prompt_token_ids keyword
                outs = self._llm.generate(prompt_token_ids=part, sampling_params=params, use_tqdm=False)
            for out in outs:
                values.append(float(out.prompt_logprobs[-1][token_id].logprob))
            if on_batch is not None:
                on_batch(len(part))
        return values
