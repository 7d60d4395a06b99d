"""`python -m laser_lab.generate --model <dir> --input <problems.jsonl> --out <file> --n N [options]`

Samples n responses per problem and scores each in the same pass (see selfreward/sample_and_score.py), writing LaSeR
eval JSONL: problem, answer, responses, pred_answers (last \\boxed{}), acc_list (the trainer's verifier, when the
problem has an `answer`), self_rewarding_scores, policy_model_logprobs, finished (EOS within --max-new-tokens; for
the others EOS is appended before z_c, as LaSeR's scorer does), model. Responses keep any special tokens they
contain, so `laser_lab.score` on the output reads the same tokens. Every response is scored, also those without a
\\boxed answer (LaSeR's own script writes 0.0 for those). Events on stdout: progress (samples), error per bad line, result.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

from . import events
from .score import _device
from .selfreward.inputs import InputFileError, read_text_utf8
from .selfreward.model_folder import ModelFolderError, check_model_folder, load_causal_lm, load_tokenizer
from .selfreward.sample_and_score import sample_and_score
from .selfreward.settings import laser_config, native_token_id, prompt_text, resolve_settings
from .train.tasks.answer import answers_match, last_boxed
from .train.tokenization import encode_prompt, eos_token_ids


def read_problems(path: str) -> List[Dict[str, Any]]:
    problems = []
    for number, raw in enumerate(read_text_utf8(path).splitlines(), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            events.emit("error", message=f"{path}:{number}: not valid JSON ({exc.msg})", line=number, fatal=False)
            continue
        if not isinstance(row, dict) or not isinstance(row.get("problem"), str):
            events.emit("error", message=f"{path}:{number}: no \"problem\" string", line=number, fatal=False)
            continue
        problems.append(row)
    return problems


def run(args: argparse.Namespace) -> Dict[str, Any]:
    folder = str(check_model_folder(args.model))
    problems = read_problems(args.input)
    tokenizer = load_tokenizer(folder)
    settings = resolve_settings(folder, args.token_id, args.beta, args.c_ref, args.prompt_template)
    zc_id = native_token_id(tokenizer, settings.token_id, folder)
    cfg = laser_config(folder)
    max_new = args.max_new_tokens or int(cfg.get("max_response_length") or 256)
    device = _device(args.device)
    model = load_causal_lm(folder, device, args.dtype)
    eos_ids = eos_token_ids(tokenizer, getattr(model.generation_config, "eos_token_id", None))
    name = args.model_name or Path(folder).name
    total = len(problems) * args.n
    events.progress(0, total)
    records: List[Dict[str, Any]] = []
    done = 0
    for start in range(0, len(problems), args.batch_prompts):
        part = problems[start:start + args.batch_prompts]
        prompts = [encode_prompt(tokenizer, prompt_text(settings.prompt_template, p["problem"]), settings.use_chat_template)
                   for p in part]
        rows = [p for p in prompts for _ in range(args.n)]
        out = sample_and_score(model, rows, max_new, eos_ids, tokenizer.pad_token_id, zc_id, args.temperature, args.top_p,
                               args.seed + start, device, score=True)
        for k, prob in enumerate(part):
            sl = slice(k * args.n, (k + 1) * args.n)
            # special tokens stay in the text, so scoring the text again (laser_lab.score) sees the same tokens
            texts = [tokenizer.decode(r, skip_special_tokens=False) for r in out.responses[sl]]
            lps = [float(x) for x in out.zc_logprobs[sl]]
            rec: Dict[str, Any] = {"problem": prob["problem"]}
            if "answer" in prob:
                rec["answer"] = prob["answer"]
            if "data_source" in prob:
                rec["data_source"] = prob["data_source"]
            preds = [last_boxed(t) for t in texts]
            rec.update({"responses": texts, "pred_answers": preds})
            if "answer" in prob:
                rec["acc_list"] = [answers_match(pr, str(prob["answer"]), not args.no_math_verify) for pr in preds]
            rec.update({
                "self_rewarding_scores": [settings.beta * (lp - settings.c_ref) for lp in lps],
                "policy_model_logprobs": lps,
                "finished": out.finished[sl],
                "model": name,
            })
            records.append(rec)
        done += len(rows)
        events.progress(done, total)
    out_path = Path(args.out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    tmp.replace(out_path)
    accs = [a for r in records for a in r.get("acc_list", [])]
    return {"output": str(out_path), "problems": len(records), "samples": done,
            "accuracy": sum(accs) / len(accs) if accs else None,
            "settings": {"self_reward_token_id": zc_id, "beta": settings.beta, "c_ref": settings.c_ref,
                         "prompt_template": settings.prompt_template, "max_new_tokens": max_new, "n": args.n,
                         "temperature": args.temperature, "top_p": args.top_p, "seed": args.seed, "device": device}}


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m laser_lab.generate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="Hugging Face model folder")
    ap.add_argument("--input", required=True, help="problems JSONL (problem, optional answer)")
    ap.add_argument("--out", required=True, help="output LaSeR eval JSONL")
    ap.add_argument("--n", type=int, default=4, help="samples per problem")
    ap.add_argument("--max-new-tokens", type=int, help="default: laser_config.json max_response_length, else 256")
    ap.add_argument("--temperature", type=float, default=1.0, help="0: greedy")
    ap.add_argument("--top-p", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch-prompts", type=int, default=8, help="problems per sampling batch (each with n rows)")
    ap.add_argument("--token-id", type=int)
    ap.add_argument("--beta", type=float)
    ap.add_argument("--c-ref", type=float)
    ap.add_argument("--prompt-template", help="user message with {problem} (default: from the training task)")
    ap.add_argument("--device", help="cpu | cuda | cuda:N (default: cuda when available)")
    ap.add_argument("--dtype", choices=["float32", "bfloat16", "float16"], default="float32")
    ap.add_argument("--model-name", help="the `model` field (default: the folder's name)")
    ap.add_argument("--no-math-verify", action="store_true", help="compare answers without math-verify")
    args = ap.parse_args(argv)
    for name in ("n", "batch_prompts"):
        if getattr(args, name) < 1:
            ap.error(f"--{name.replace('_', '-')} must be >= 1")
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    return events.run_worker("laser_lab.generate", lambda: run(args), (InputFileError, ModelFolderError, ValueError, OSError))


if __name__ == "__main__":
    sys.exit(main())
