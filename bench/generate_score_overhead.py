"""Cost of scoring while generating (`laser_lab.generate`) against generation alone, on CPU with a random-init
Qwen2 model (4 layers, 128 wide, the real Qwen vocabulary) and 2 threads.

    python bench/generate_score_overhead.py [--problems 4] [--n 8] [--max-new-tokens 48] [--repeats 3]

Prints tokens/s and ratios, writes out/bench/generate-score-overhead.json. Compared in one run:
  generate        our sampling loop, no scoring (the baseline)
  generate+score  the same loop scoring every sample in the same pass (laser_lab.generate)
  two-pass        generation, then a separate full forward pass over every prompt+response+EOS (laser_lab.score)
  hf-generate     transformers' generate() on the same rows, for reference
A random model almost never emits EOS, so every row runs to the limit and needs the extra EOS step: the worst case.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--problems", type=int, default=4)
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--max-new-tokens", type=int, default=48)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    import torch
    from transformers import AutoModelForCausalLM

    from laser_lab.selfreward.model_folder import load_tokenizer
    from laser_lab.selfreward.sample_and_score import sample_and_score
    from laser_lab.selfreward.transformers_backend import last_token_logprobs
    from laser_lab.testing.make_tiny_checkpoint import make_tiny_checkpoint
    from laser_lab.train.tiny_model import TinySpec
    from laser_lab.train.tokenization import encode_prompt

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_tiny_checkpoint(str(Path(tmp) / "ckpt"), "qwen", seed=0, spec=TinySpec(max_position_embeddings=1024))
        tok = load_tokenizer(str(folder))
        model = AutoModelForCausalLM.from_pretrained(str(folder)).eval()
    prompts = [encode_prompt(tok, f"What is {17 + 7 * i}+{23 * i + 5}? Think step by step.") for i in range(args.problems)]
    rows = [p for p in prompts for _ in range(args.n)]
    eos, pad, zc = [tok.eos_token_id], tok.pad_token_id, 151652
    new_tokens = len(rows) * args.max_new_tokens

    def gen_only():
        return sample_and_score(model, rows, args.max_new_tokens, eos, pad, zc, seed=1, score=False)

    def gen_score():
        return sample_and_score(model, rows, args.max_new_tokens, eos, pad, zc, seed=1, score=True)

    def two_pass():
        out = gen_only()
        seqs = [p + r + [eos[0]] for p, r in zip(rows, out.responses)]
        return last_token_logprobs(model, seqs, zc, pad, batch_tokens=8192)

    def hf_generate():
        width = max(len(p) for p in prompts)
        ids = torch.full((len(rows), width), pad, dtype=torch.long)
        mask = torch.zeros_like(ids)
        for i, p in enumerate(rows):
            ids[i, width - len(p):] = torch.tensor(p)
            mask[i, width - len(p):] = 1
        torch.manual_seed(1)
        with torch.no_grad():
            return model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=args.max_new_tokens, do_sample=True,
                                  top_k=0, eos_token_id=eos, pad_token_id=pad)

    cases = {"generate": gen_only, "generate+score": gen_score, "two-pass": two_pass, "hf-generate": hf_generate}
    gen_score()  # warm-up
    times = {name: [] for name in cases}
    for _ in range(args.repeats):
        for name, fn in cases.items():  # interleaved, so drifting machine load hits every case alike
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    median = {name: statistics.median(v) for name, v in times.items()}
    base = median["generate"]
    result = {
        "model": "random-init Qwen2, 4 layers, hidden 128, vocab 151936",
        "threads": args.threads, "rows": len(rows), "max_new_tokens": args.max_new_tokens, "repeats": args.repeats,
        "seconds": median,
        "tokens_per_s": {name: new_tokens / sec for name, sec in median.items()},
        "ratio_vs_generate": {name: sec / base for name, sec in median.items()},
    }
    for name, sec in median.items():
        print(f"{name:15s} {sec:7.3f} s  {new_tokens / sec:8.1f} tok/s  x{sec / base:.3f} vs generate")
    print(f"scoring in the same pass costs {100 * (median['generate+score'] / base - 1):.1f}% over generation alone; "
          f"a separate scoring pass costs {100 * (median['two-pass'] / base - 1):.1f}%")
    out = ROOT / "out" / "bench" / "generate-score-overhead.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
