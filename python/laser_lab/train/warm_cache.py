"""A cache of warm-started tiny models, so that repeated `--init tiny` runs with the same seed and options skip the
supervised warm start (a minute or more on CPU)."""

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any, Dict, Optional

CACHE_VERSION = 2  # bump when the tiny model or the warm start changes what it produces
KEY_FIELDS = (
    "tokenizer", "tokenizer_path", "tiny_hidden_size", "tiny_intermediate_size", "tiny_num_layers", "tiny_num_heads",
    "tiny_num_kv_heads", "warm_start_max_steps", "warm_start_target_accuracy", "warm_start_lr", "warm_start_batch_size",
    "warm_start_eval_every", "warm_start_ops", "warm_start_mix_steps", "task", "train_files", "arithmetic_min_digits", "arithmetic_max_digits", "arithmetic_ops",
    "prompt_suffix", "use_chat_template", "max_prompt_length", "max_response_length", "temperature", "seed", "val_size",
)


def cache_root() -> Path:
    return Path(os.environ.get("LASER_LAB_CACHE") or Path.home() / ".cache" / "laser-lab") / "tiny-warm"


def cache_key(cfg: Dict[str, Any]) -> str:
    material = {k: cfg.get(k) for k in KEY_FIELDS}
    material["version"] = CACHE_VERSION
    try:
        import torch
        import transformers

        material["lib"] = [torch.__version__, transformers.__version__]
    except ImportError:
        pass
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()[:16]


def lookup(cfg: Dict[str, Any]) -> Optional[Path]:
    folder = cache_root() / cache_key(cfg)
    return folder if (folder / "warm_start.json").is_file() else None


def store(cfg: Dict[str, Any], model, tokenizer, info: Dict[str, Any]) -> Optional[Path]:
    folder = cache_root() / cache_key(cfg)
    tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / "warm_start.json").write_text(json.dumps(info), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(tmp, ignore_errors=True)  # another run stored it first
            return folder
        os.replace(tmp, folder)
        return folder
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        return None  # a read-only cache only costs time


def load_info(folder: Path) -> Dict[str, Any]:
    return json.loads((folder / "warm_start.json").read_text(encoding="utf-8"))
