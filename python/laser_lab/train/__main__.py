"""`python -m laser_lab.train`: the reference LaSeR trainer (GRPO + last-token self-rewarding).

    python -m laser_lab.train --init tiny --task arithmetic --steps 20 --device cpu [--seed S] [--out DIR]
    python -m laser_lab.train --config run.yaml [--resume auto] [key=value ...]
"""

import argparse
import sys
from typing import List, Optional

from .. import events


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m laser_lab.train", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", help="JSON or YAML file of options (flat names or verl dotted/nested keys)")
    ap.add_argument("--init", choices=["tiny"], help="build a small Qwen2 model from the seed and warm-start it on the task")
    ap.add_argument("--tokenizer", choices=["char", "qwen"], help="with --init tiny: tiny character-level or the real Qwen tokenizer")
    ap.add_argument("--tokenizer-path", dest="tokenizer_path", help="folder with tokenizer.json (+ tokenizer_config.json)")
    ap.add_argument("--model-path", dest="model_path", help="HF model folder to train")
    ap.add_argument("--task", choices=["arithmetic", "math_jsonl"])
    ap.add_argument("--train-files", dest="train_files", help="math JSONL (problem, answer) for --task math_jsonl")
    ap.add_argument("--val-files", dest="val_files")
    ap.add_argument("--steps", type=int, help="total training steps")
    ap.add_argument("--device", help="auto | cpu | cuda | cuda:N")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--out", help="output folder (checkpoints, validation JSONL)")
    ap.add_argument("--resume", help="disable | auto | path of a global_step_N folder")
    ap.add_argument("--rollout", dest="rollout_name", choices=["hf", "vllm"])
    ap.add_argument("--no-self-reward", dest="no_self_reward", action="store_true", help="GRPO baseline: no self-reward loss")
    ap.add_argument("--log-format", dest="log_format", choices=["verl", "events"])
    ap.add_argument("overrides", nargs="*", help="key=value options, e.g. actor_rollout_ref.actor.self_reward_kl_coef=0.1")
    return ap.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    from .config import build_config, load_config_file

    try:
        file_values = load_config_file(args.config) if args.config else {}
        cli = {k: v for k, v in vars(args).items() if k not in ("config", "overrides", "no_self_reward")}
        if args.no_self_reward:
            cli["use_self_reward_loss"] = False
        cfg = build_config(file_values, cli, args.overrides)
    except (ValueError, OSError) as exc:
        events.error(f"laser_lab.train: {exc}")
        return 2

    from .trainer import run

    try:
        run(cfg)
    except (ValueError, FileNotFoundError) as exc:
        events.error(f"laser_lab.train: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
