"""Self-reward settings (z_c id, β_v, c_ref, prompt template): from arguments, else the checkpoint's laser_config.json
(written by `laser_lab.train`), else LaSeR's defaults for Qwen."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Optional

from ..train.tokenization import resolve_token_id
from .model_folder import ModelFolderError, read_json

DEFAULT_TOKEN_ID = 151652  # Qwen's <|vision_start|>
DEFAULT_BETA = 0.1
DEFAULT_C_REF = -23.0
PROBLEM_FIELD = "{problem}"


@dataclass
class Settings:
    token_id: int  # z_c as configured (a Qwen id is mapped by name onto other vocabularies, as the trainer does)
    beta: float
    c_ref: Optional[float]  # None: a reference model's log π(z_c) takes its place
    prompt_template: str  # every "{problem}" is replaced by the problem text; nothing else in it is interpreted
    use_chat_template: bool
    sources: Dict[str, str] = field(default_factory=dict)  # where each value came from: argument | laser_config | default


def laser_config(folder: str) -> Dict[str, Any]:
    return read_json(Path(folder) / "laser_config.json") or {}


def _calibrated_c_ref(folder: str) -> Optional[float]:
    """A trainer run with calibrate_ref_constant keeps the calibrated c_ref in trainer_state.pt, not in laser_config.json."""
    state_file = Path(folder) / "trainer_state.pt"
    if not state_file.is_file():
        return None
    import torch

    state = torch.load(state_file, map_location="cpu", weights_only=False)
    value = state.get("c_ref") if isinstance(state, dict) else None
    return float(value) if isinstance(value, (int, float)) and state.get("c_ref_calibrated") else None


def task_prompt_template(cfg: Dict[str, Any]) -> str:
    """What the trainer put as the user message: arithmetic problems carry their suffix already; math_jsonl appends one."""
    if cfg.get("task") == "math_jsonl":
        from ..train.tasks.math_jsonl import BOXED_INSTRUCTION

        suffix = cfg.get("prompt_suffix")
        return PROBLEM_FIELD + (BOXED_INSTRUCTION if suffix is None else str(suffix))
    return PROBLEM_FIELD


def resolve_settings(folder: str, token_id: Optional[int] = None, beta: Optional[float] = None, c_ref: Optional[float] = None,
                     prompt_template: Optional[str] = None, use_ref_model: bool = False) -> Settings:
    cfg = laser_config(folder)
    sources: Dict[str, str] = {}

    def pick(name: str, given: Any, key: str, default: Any) -> Any:
        if given is not None:
            sources[name] = "argument"
            return given
        if key in cfg and cfg[key] is not None:
            sources[name] = "laser_config"
            return cfg[key]
        sources[name] = "default"
        return default

    tid = int(pick("token_id", token_id, "self_reward_token_id", DEFAULT_TOKEN_ID))
    b = float(pick("beta", beta, "self_reward_kl_coef", DEFAULT_BETA))
    ref: Optional[float]
    if use_ref_model:
        ref, sources["c_ref"] = None, "reference model"
    elif c_ref is not None:
        ref, sources["c_ref"] = float(c_ref), "argument"
    else:
        configured = cfg.get("ref_model_log_ratio_constant")
        calibrated = _calibrated_c_ref(folder) if cfg.get("calibrate_ref_constant") else None
        if calibrated is not None:
            ref, sources["c_ref"] = calibrated, "trainer_state (calibrated)"
        elif isinstance(configured, (int, float)) and configured < 0:
            ref, sources["c_ref"] = float(configured), "laser_config"
        else:
            ref, sources["c_ref"] = DEFAULT_C_REF, "default"
    if prompt_template is not None:
        template, sources["prompt_template"] = prompt_template, "argument"
    else:
        template = task_prompt_template(cfg)
        sources["prompt_template"] = "laser_config" if cfg else "default"
    if PROBLEM_FIELD not in template:
        raise ValueError(f"prompt template {template!r} has no {PROBLEM_FIELD}")
    return Settings(tid, b, ref, template, bool(cfg.get("use_chat_template", True)), sources)


def native_token_id(tokenizer, configured: int, folder: str) -> int:
    try:
        return resolve_token_id(tokenizer, configured)
    except ValueError as exc:
        raise ModelFolderError(f"{folder}: {exc}") from None


def prompt_text(template: str, problem: str) -> str:
    return template.replace(PROBLEM_FIELD, problem)
