"""Checkpoints as HF folders `<out>/global_step_N/` (model, tokenizer, trainer_state.pt) with
`<out>/latest_checkpointed_iteration.txt` naming the newest complete one, as verl does."""

import json
import os
import shutil
from pathlib import Path
from typing import Any, Dict, Optional

LATEST = "latest_checkpointed_iteration.txt"
STATE = "trainer_state.pt"


def step_folder(out: str, step: int) -> Path:
    return Path(out) / f"global_step_{step}"


def save_checkpoint(out: str, step: int, model, tokenizer, state: Dict[str, Any], config: Dict[str, Any]) -> Path:
    import torch

    folder = step_folder(out, step)
    tmp = folder.with_name(folder.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    model.save_pretrained(tmp, safe_serialization=True)
    tokenizer.save_pretrained(tmp)
    torch.save(state, tmp / STATE)
    (tmp / "laser_config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    if folder.exists():
        shutil.rmtree(folder)
    os.replace(tmp, folder)
    latest_tmp = Path(out) / (LATEST + ".tmp")
    latest_tmp.write_text(str(step), encoding="utf-8")
    os.replace(latest_tmp, Path(out) / LATEST)
    return folder


def latest_checkpoint(out: str) -> Optional[Path]:
    marker = Path(out) / LATEST
    if not marker.is_file():
        return None
    text = marker.read_text(encoding="utf-8").strip()
    if not text.isdigit():
        raise ValueError(f"{marker}: expected a step number, found {text!r}")
    folder = step_folder(out, int(text))
    if not (folder / STATE).is_file():
        raise ValueError(f"{marker} names step {text} but {folder} has no {STATE}")
    return folder


def resolve_resume(out: str, resume: str) -> Optional[Path]:
    """disable: None; auto: the newest checkpoint under out (None when there is none); anything else: that folder."""
    if resume in ("disable", "", None):
        return None
    if resume == "auto":
        return latest_checkpoint(out)
    folder = Path(resume)
    if not (folder / STATE).is_file():
        raise ValueError(f"resume: {folder} is not a checkpoint folder (no {STATE})")
    return folder


def step_of(folder: Path) -> int:
    name = folder.name
    if not name.startswith("global_step_") or not name[len("global_step_"):].isdigit():
        raise ValueError(f"{folder}: checkpoint folders are named global_step_N")
    return int(name[len("global_step_"):])


def load_state(folder: Path) -> Dict[str, Any]:
    import torch

    return torch.load(folder / STATE, map_location="cpu", weights_only=False)
