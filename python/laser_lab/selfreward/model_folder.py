"""Checking and loading a Hugging Face model folder, and writing its tokenizer files in the form the ONNX scorer reads."""

import json
from pathlib import Path
from typing import Any, Dict, List, Optional

WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin", "pytorch_model.bin.index.json")


class ModelFolderError(ValueError):
    """A model folder that cannot be used, with the folder and the missing or broken file named."""


def check_model_folder(folder: str, need_weights: bool = True) -> Path:
    path = Path(folder)
    if not path.is_dir():
        raise ModelFolderError(f"{path}: not a folder (expected a Hugging Face model folder)")
    missing: List[str] = []
    if not (path / "config.json").is_file():
        missing.append("config.json")
    if need_weights and not any((path / name).is_file() for name in WEIGHT_FILES):
        missing.append("model weights (model.safetensors or model.safetensors.index.json)")
    if not (path / "tokenizer.json").is_file() and not (path / "vocab.json").is_file():
        missing.append("tokenizer.json")
    if missing:
        raise ModelFolderError(f"{path}: missing {', '.join(missing)}")
    try:
        json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFolderError(f"{path / 'config.json'}: not valid JSON ({exc})") from None
    return path


def read_json(path: Path) -> Optional[Dict[str, Any]]:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFolderError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ModelFolderError(f"{path}: expected a JSON object")
    return data


def load_tokenizer(folder: str):
    """The folder's tokenizer (AutoTokenizer), with a pad token (the EOS when the tokenizer has none)."""
    from transformers import AutoTokenizer

    path = check_model_folder(folder, need_weights=False)
    try:
        tok = AutoTokenizer.from_pretrained(str(path))
    except Exception as exc:  # transformers raises many kinds for a broken tokenizer
        raise ModelFolderError(f"{path}: cannot load the tokenizer ({type(exc).__name__}: {exc})") from None
    if tok.eos_token_id is None:
        raise ModelFolderError(f"{path}: the tokenizer has no eos_token (tokenizer_config.json)")
    if tok.pad_token_id is None:
        tok.pad_token = tok.eos_token
    return tok


def load_causal_lm(folder: str, device: str = "cpu", dtype: str = "float32"):
    import torch
    from transformers import AutoModelForCausalLM

    path = check_model_folder(folder)
    try:
        model = AutoModelForCausalLM.from_pretrained(str(path), dtype=getattr(torch, dtype))
    except Exception as exc:
        raise ModelFolderError(f"{path}: cannot load the model ({type(exc).__name__}: {exc})") from None
    return model.to(device).eval()


def _token_text(value: Any) -> Optional[str]:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("content"), str):
        return value["content"]
    return None


def write_tokenizer_files(tokenizer, out: Path) -> None:
    """tokenizer.json and tokenizer_config.json with `chat_template`, `eos_token` and `pad_token` as plain strings (newer
    transformers put the template in chat_template.jinja instead; the scorer reads only tokenizer_config.json)."""
    out.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(str(out))
    if not (out / "tokenizer.json").is_file():
        raise ModelFolderError(f"{out}: the tokenizer could not be saved as tokenizer.json (a fast tokenizer is needed)")
    cfg = read_json(out / "tokenizer_config.json") or {}
    template = getattr(tokenizer, "chat_template", None)
    jinja = out / "chat_template.jinja"
    if not template and jinja.is_file():
        template = jinja.read_text(encoding="utf-8")
    if isinstance(template, str) and template:
        cfg["chat_template"] = template
    cfg["eos_token"] = _token_text(cfg.get("eos_token")) or tokenizer.eos_token
    cfg["pad_token"] = _token_text(cfg.get("pad_token")) or tokenizer.pad_token or tokenizer.eos_token
    (out / "tokenizer_config.json").write_text(json.dumps(cfg, indent=2, ensure_ascii=False), encoding="utf-8")
