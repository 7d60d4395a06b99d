"""`python -m laser_lab.score --model <hf dir> --input <file.jsonl> --out <file> [options]`

Adds LaSeR's last-token self-rewarding score to every response of a LaSeR eval JSONL (one problem per line with
`problem` and `responses`): s = β_v · (log π(z_c | x, y, <eos>) − c_ref), where x is the chat-templated prompt with the
generation prompt, y the response's tokens and <eos> the tokenizer's EOS — exactly the sequence training saw.

Output: the input lines with `self_rewarding_scores` and `policy_model_logprobs` (plus `ref_model_logprobs` with
--ref-model). A response that cannot be scored gets null and a reason in `self_rewarding_errors`; one longer than the
model's context is cut from the left (the prompt's start goes first, the response end and EOS stay) and flagged in
`self_rewarding_truncated`. A line that cannot be scored at all is copied unchanged. Events on stdout (JSON lines):
progress, one error per bad line (with "line"), and a final result.
"""

import argparse
import os
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

from . import events
from .selfreward.inputs import InputFileError, Line, read_lines
from .selfreward.model_folder import ModelFolderError, check_model_folder, load_causal_lm, load_tokenizer
from .selfreward.sequences import build_sequence
from .selfreward.settings import Settings, native_token_id, resolve_settings


def _device(choice: Optional[str]) -> str:
    if choice:
        return choice
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _max_context(folder: str) -> Optional[int]:
    cfg = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
    value = cfg.get("max_position_embeddings")
    return int(value) if isinstance(value, int) and value > 0 else None


class Scorer:
    """One backend bound to one model folder: sequences → log π(z_c) at their last position. The model is loaded on
    first use and released by close(), so a policy and a reference model are never in memory together."""

    def __init__(self, folder: str, backend: str, device: str, dtype: str, batch_tokens: int):
        self.folder, self.backend, self.device, self.dtype, self.batch_tokens = folder, backend, device, dtype, batch_tokens
        self._engine: Any = None

    def logprobs(self, seqs: List[List[int]], token_id: int, pad_id: int, on_batch) -> List[float]:
        if self.backend == "vllm":
            from .selfreward.vllm_backend import VllmScorer

            if self._engine is None:
                self._engine = VllmScorer(self.folder)
            return self._engine.last_token_logprobs(seqs, token_id, on_batch=on_batch)
        from .selfreward.transformers_backend import last_token_logprobs

        if self._engine is None:
            self._engine = load_causal_lm(self.folder, self.device, self.dtype)
        return last_token_logprobs(self._engine, seqs, token_id, pad_id, self.batch_tokens, self.device, on_batch)

    def close(self) -> None:
        self._engine = None
        import gc

        gc.collect()


def score_lines(lines: List[Line], tokenizer, settings: Settings, token_id: int, policy: Scorer,
                reference: Optional[Scorer], max_context: Optional[int]) -> Dict[str, Any]:
    """Fills each scorable line's record in place; returns counts."""
    slots = []  # (line, response index)
    seqs: List[List[int]] = []
    truncated: Dict[int, bool] = {}
    for line in lines:
        if line.record is None:
            continue
        for j, resp in enumerate(line.record["responses"]):
            if j in line.response_errors:
                continue
            seq = build_sequence(tokenizer, settings, line.record["problem"], resp, max_context)
            truncated[len(seqs)] = seq.truncated
            slots.append((line, j))
            seqs.append(seq.ids)
    passes = 2 if reference is not None else 1
    total = len(seqs) * passes
    done = [0]

    def tick(count: int) -> None:
        done[0] += count
        events.progress(done[0], total)

    events.progress(0, total)
    pad = tokenizer.pad_token_id
    policy_lp = policy.logprobs(seqs, token_id, pad, tick)
    policy.close()
    ref_lp = reference.logprobs(seqs, token_id, pad, tick) if reference is not None else None

    for line in lines:
        if line.record is None:
            continue
        n = len(line.record["responses"])
        line.record["self_rewarding_scores"] = [None] * n
        line.record["policy_model_logprobs"] = [None] * n
        if ref_lp is not None:
            line.record["ref_model_logprobs"] = [None] * n
    n_truncated = 0
    for k, (line, j) in enumerate(slots):
        rec = line.record
        base = ref_lp[k] if ref_lp is not None else settings.c_ref
        rec["self_rewarding_scores"][j] = settings.beta * (policy_lp[k] - base)
        rec["policy_model_logprobs"][j] = policy_lp[k]
        if ref_lp is not None:
            rec["ref_model_logprobs"][j] = ref_lp[k]
        if truncated[k]:
            n_truncated += 1
            rec.setdefault("self_rewarding_truncated", [False] * len(rec["responses"]))[j] = True
    for line in lines:
        if line.record is not None and line.response_errors:
            line.record["self_rewarding_errors"] = [line.response_errors.get(j) for j in range(len(line.record["responses"]))]
    return {"scored": len(seqs), "truncated": n_truncated}


def write_output(path: str, lines: List[Line]) -> None:
    """Atomically (temp file + rename), so a failure never leaves a half-written file or clobbers the input."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for line in lines:
            f.write((json.dumps(line.record, ensure_ascii=False) if line.record is not None else line.raw) + "\n")
    os.replace(tmp, out)


def run(args: argparse.Namespace) -> Dict[str, Any]:
    if args.c_ref is not None and args.ref_model:
        raise ValueError("give either --c-ref or --ref-model, not both")
    folder = str(check_model_folder(args.model))
    if args.ref_model:
        check_model_folder(args.ref_model)
    lines = read_lines(args.input)
    tokenizer = load_tokenizer(folder)
    settings = resolve_settings(folder, args.token_id, args.beta, args.c_ref, args.prompt_template, bool(args.ref_model))
    token_id = native_token_id(tokenizer, settings.token_id, folder)
    for line in lines:
        reason = line.error or (("; ".join(line.response_errors.values())) if line.response_errors else None)
        if reason:
            events.emit("error", message=f"{args.input}:{line.number}: {reason}", line=line.number, fatal=False)
    device = _device(args.device)
    policy = Scorer(folder, args.backend, device, args.dtype, args.batch_tokens)
    reference = Scorer(args.ref_model, args.backend, device, args.dtype, args.batch_tokens) if args.ref_model else None
    limit = _max_context(folder)
    if limit and args.backend == "vllm":
        limit -= 1  # vLLM is sent the sequence plus z_c itself
    counts = score_lines(lines, tokenizer, settings, token_id, policy, reference, limit)
    write_output(args.out, lines)
    return {
        "output": args.out,
        "lines": len(lines),
        "skipped_lines": [{"line": ln.number, "reason": ln.error} for ln in lines if ln.error],
        "response_errors": sum(len(ln.response_errors) for ln in lines if ln.record is not None),
        **counts,
        "settings": {"self_reward_token_id": token_id, "beta": settings.beta, "c_ref": settings.c_ref,
                     "ref_model": args.ref_model, "prompt_template": settings.prompt_template, "from": settings.sources,
                     "backend": args.backend, "device": device},
    }


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m laser_lab.score", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="Hugging Face model folder (e.g. a run's global_step_N)")
    ap.add_argument("--input", required=True, help="LaSeR eval JSONL (problem, responses, ...)")
    ap.add_argument("--out", required=True, help="output JSONL (may be the input file; written atomically)")
    ap.add_argument("--backend", choices=["transformers", "vllm"], default="transformers")
    ap.add_argument("--token-id", type=int, help="z_c (default: laser_config.json, else 151652)")
    ap.add_argument("--beta", type=float, help="β_v (default: laser_config.json, else 0.1)")
    ap.add_argument("--c-ref", type=float, help="c_ref (default: laser_config.json / calibrated value, else -23.0)")
    ap.add_argument("--ref-model", help="reference model folder: c_ref becomes its log π(z_c) at the same place")
    ap.add_argument("--batch-tokens", type=int, default=8192, help="padded tokens per forward batch (transformers)")
    ap.add_argument("--device", help="cpu | cuda | cuda:N (default: cuda when available)")
    ap.add_argument("--dtype", choices=["float32", "bfloat16", "float16"], default="float32")
    ap.add_argument("--prompt-template", help="user message with {problem} (default: from the training task)")
    args = ap.parse_args(argv)
    if args.batch_tokens < 1:
        ap.error("--batch-tokens must be >= 1")
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    return events.run_worker("laser_lab.score", lambda: run(args), (InputFileError, ModelFolderError, ValueError, OSError))


if __name__ == "__main__":
    sys.exit(main())
