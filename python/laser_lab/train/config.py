"""Training options. LaSeR keys keep the names of the LaSeR fork's actor config; a config file may use them flat or
as verl dotted/nested keys (`actor_rollout_ref.actor.self_reward_kl_coef`)."""

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Dict, List, Optional


@dataclass
class TrainConfig:
    # model
    model_path: Optional[str] = None  # an HF folder; required unless init is set
    init: Optional[str] = None  # "tiny": build a small Qwen2 model from the seed and warm-start it on the task
    tokenizer: str = "char"  # with init=tiny: "char" (tiny character-level) or "qwen" (the real Qwen tokenizer files)
    tokenizer_path: Optional[str] = None  # folder holding tokenizer.json (+ tokenizer_config.json) for tokenizer=qwen
    tiny_hidden_size: int = 128
    tiny_intermediate_size: int = 512
    tiny_num_layers: int = 4
    tiny_num_heads: int = 4
    tiny_num_kv_heads: int = 2
    warm_start_max_steps: int = 600
    warm_start_target_accuracy: float = 0.5  # stop the supervised warm start once sampled accuracy reaches this
    warm_start_lr: float = 3e-3
    warm_start_batch_size: int = 64
    warm_start_eval_every: int = 25
    warm_start_ops: Optional[str] = None  # arithmetic ops the warm start teaches first; None: the task's ops
    warm_start_mix_steps: int = 0  # then this many steps on the full task (with warm_start_ops set)
    warm_start_cache: bool = True  # reuse a warm-started tiny model from $LASER_LAB_CACHE/tiny-warm (same seed and options)
    device: str = "auto"  # auto | cpu | cuda | cuda:N
    dtype: str = "float32"  # float32 | bfloat16 (GPU)
    use_chat_template: bool = True

    # task
    task: str = "arithmetic"  # arithmetic | math_jsonl
    train_files: Optional[str] = None
    val_files: Optional[str] = None
    val_size: int = 64
    arithmetic_min_digits: int = 2
    arithmetic_max_digits: int = 2
    arithmetic_ops: str = "+"  # drawn uniformly per problem, so repeating an op weights it ("++*": two thirds sums)
    prompt_suffix: Optional[str] = None  # appended to each problem; None: the task's default
    use_math_verify: bool = True

    # rollout
    rollout_name: str = "hf"  # hf | vllm (falls back to hf when vllm is not importable)
    train_batch_size: int = 16  # prompts per step
    n: int = 8
    max_prompt_length: int = 1024
    max_response_length: int = 16
    temperature: float = 1.0
    top_p: float = 1.0
    generate_chunk: int = 64  # prompts per generate() call
    val_n: int = 2
    val_temperature: float = 1.0
    val_top_p: float = 1.0
    val_do_sample: bool = True
    vllm_gpu_memory_utilization: float = 0.5

    # optimisation
    lr: float = 1e-6
    weight_decay: float = 0.0
    grad_clip: float = 1.0
    ppo_mini_batch_size: Optional[int] = None  # prompts per optimiser step; None: train_batch_size
    ppo_micro_batch_size_per_gpu: int = 64  # samples per forward/backward
    ppo_epochs: int = 1
    clip_ratio: float = 0.2
    clip_ratio_low: Optional[float] = None
    clip_ratio_high: Optional[float] = None
    clip_ratio_c: float = 3.0
    loss_agg_mode: str = "token-mean"
    entropy_coeff: float = 0.0
    norm_adv_by_std_in_grpo: bool = True
    use_kl_loss: bool = False
    kl_loss_coef: float = 0.001
    kl_loss_type: str = "low_var_kl"

    # LaSeR (names as in the LaSeR fork)
    use_self_reward_loss: bool = True
    self_reward_loss_balanced: bool = True
    ref_model_log_ratio_constant: float = -23.0  # c_ref when < 0; >= 0: use the reference model's log-prob of z_c
    calibrate_ref_constant: bool = False  # set c_ref to the mean log π(z_c) of the first self-reward batch (fresh models)
    self_reward_loss_coef: float = 0.1
    self_reward_kl_coef: float = 0.1  # β_v
    self_rewarding_advantages_integration_coef: float = 0.0  # λ; 0 disables integration
    self_rewarding_advantages_filtering_threshold: float = 0.1
    reasoning_warmup_steps: int = 0  # steps without the self-reward loss
    self_rewarding_warmup_steps: int = 0  # further steps before advantage integration starts
    pad_token_id: Optional[int] = None  # None: the tokenizer's
    self_reward_token_id: int = 151652  # z_c; Qwen ids map by name onto other vocabularies

    # HKUST Laser length shaping
    length_penalty_method: str = "none"  # none | larse | larse-d
    length_reward_scalar: float = 0.5  # α
    target_length: int = 8  # L for larse (and the start value for larse-d)
    length_thresholds: List[int] = field(default_factory=list)  # candidate L for larse-d; empty: 2..max_response_length
    monitor_size: int = 32
    monitor_freq: int = 10
    expected_n_correct: int = 1

    # trainer
    steps: int = 20
    seed: int = 0
    out: str = "checkpoints/laser"
    save_freq: int = -1  # -1: save only at the last step
    test_freq: int = 10  # validate every N steps and at the last step; <= 0: never
    val_before_train: bool = True
    resume: str = "disable"  # disable | auto | <path to a global_step_N folder>
    log_format: str = "verl"  # verl (step:N - key:value) | events (JSON lines)
    model_name: Optional[str] = None  # `model` field of the eval JSONL

    def validate(self) -> None:
        if self.init not in (None, "tiny"):
            raise ValueError(f"init must be 'tiny' or unset, got {self.init!r}")
        if self.init is None and not self.model_path:
            raise ValueError("set model_path (or --init tiny)")
        if self.tokenizer not in ("char", "qwen"):
            raise ValueError(f"tokenizer must be 'char' or 'qwen', got {self.tokenizer!r}")
        if self.task not in ("arithmetic", "math_jsonl"):
            raise ValueError(f"task must be 'arithmetic' or 'math_jsonl', got {self.task!r}")
        if self.task == "math_jsonl" and not self.train_files:
            raise ValueError("task math_jsonl needs train_files")
        if self.length_penalty_method not in ("none", "larse", "larse-d"):
            raise ValueError(f"length_penalty_method must be none, larse or larse-d, got {self.length_penalty_method!r}")
        if self.log_format not in ("verl", "events"):
            raise ValueError(f"log_format must be 'verl' or 'events', got {self.log_format!r}")
        for name in ("steps", "train_batch_size", "n", "max_response_length", "ppo_micro_batch_size_per_gpu", "ppo_epochs"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1")
        mini = self.ppo_mini_batch_size or self.train_batch_size
        if self.train_batch_size % mini:
            raise ValueError(f"train_batch_size {self.train_batch_size} must be a multiple of ppo_mini_batch_size {mini}")

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


FIELD_NAMES = {f.name for f in fields(TrainConfig)}

# verl spellings whose last component is not the field name (or is ambiguous)
ALIASES = {
    "actor_rollout_ref.model.path": "model_path",
    "actor_rollout_ref.actor.optim.lr": "lr",
    "actor_rollout_ref.actor.optim.weight_decay": "weight_decay",
    "actor_rollout_ref.rollout.name": "rollout_name",
    "actor_rollout_ref.rollout.val_kwargs.n": "val_n",
    "actor_rollout_ref.rollout.val_kwargs.temperature": "val_temperature",
    "actor_rollout_ref.rollout.val_kwargs.top_p": "val_top_p",
    "actor_rollout_ref.rollout.val_kwargs.do_sample": "val_do_sample",
    "actor_rollout_ref.rollout.gpu_memory_utilization": "vllm_gpu_memory_utilization",
    "actor_rollout_ref.actor.policy_loss.loss_mode": None,
    "trainer.total_training_steps": "steps",
    "trainer.default_local_dir": "out",
    "trainer.resume_mode": "resume",
    "trainer.experiment_name": "model_name",
    "length_penalty.method": "length_penalty_method",
    "length_penalty.enable": None,
    "data.seed": "seed",
    "data.train_files": "train_files",
    "data.val_files": "val_files",
}
IGNORED_PREFIXES = ("trainer.", "algorithm.", "data.", "actor_rollout_ref.", "critic.", "reward_model.", "ray_init.", "length_penalty.")


def _flatten(prefix: str, value: Any, out: Dict[str, Any]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out)
    else:
        out[prefix] = value


def _coerce(name: str, value: Any) -> Any:
    current = getattr(TrainConfig(), name)
    if isinstance(value, str) and not isinstance(current, str):
        text = value.strip()
        if text.lower() in ("null", "none", "~"):
            return None
        if isinstance(current, bool) or name in ("val_do_sample",):
            if text.lower() in ("true", "1", "yes"):
                return True
            if text.lower() in ("false", "0", "no"):
                return False
            raise ValueError(f"{name}: expected true/false, got {value!r}")
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text
    return value


def overrides_from_mapping(data: Dict[str, Any], source: str) -> Dict[str, Any]:
    """Field values from a flat, dotted or nested mapping; unknown keys are an error naming the source, except verl keys
    that have no counterpart here (they are ignored so a verl command line can be reused)."""
    flat: Dict[str, Any] = {}
    _flatten("", data, flat)
    out: Dict[str, Any] = {}
    for key, value in flat.items():
        if key in ALIASES:
            name = ALIASES[key]
        elif key in FIELD_NAMES:
            name = key
        elif key.split(".")[-1] in FIELD_NAMES and "." in key:
            name = key.split(".")[-1]
        elif key.startswith(IGNORED_PREFIXES):
            name = None
        else:
            raise ValueError(f"{source}: unknown option {key!r}")
        if name is not None:
            out[name] = _coerce(name, value)
    return out


def load_config_file(path: str) -> Dict[str, Any]:
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    if p.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError:
            raise ValueError(f"{path}: reading YAML needs PyYAML (pip install pyyaml), or use JSON") from None
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ValueError(f"{path}: invalid YAML: {exc}") from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of options")
    return overrides_from_mapping(data, path)


# What --init tiny changes from the defaults above (a CPU-sized science setup); a config file or flags override it.
# Mixed + and * keeps problems of very different difficulty in one fixed-width format (see science_check.py).
TINY_PRESET: Dict[str, Any] = {
    "arithmetic_ops": "+*",
    "lr": 3e-4,
    "train_batch_size": 16,
    "n": 8,
    "max_response_length": 16,
    "ppo_micro_batch_size_per_gpu": 128,
    "calibrate_ref_constant": True,
    "warm_start_ops": "+",  # sums first (learnable in about a minute) ...
    "warm_start_mix_steps": 40,  # ... then a few steps on sums and products, so product answers are well-formed
    "warm_start_target_accuracy": 0.5,
    "warm_start_max_steps": 800,
    "test_freq": 25,
    "val_size": 128,
    "val_n": 2,
}


def build_config(file_values: Optional[Dict[str, Any]] = None, cli_values: Optional[Dict[str, Any]] = None,
                 dotted: Optional[List[str]] = None) -> TrainConfig:
    """defaults < tiny preset (when init is tiny) < config file < command-line flags < key=value overrides."""
    file_values = dict(file_values or {})
    cli_values = {k: v for k, v in (cli_values or {}).items() if v is not None}
    extra: Dict[str, Any] = {}
    for item in dotted or []:
        if "=" not in item:
            raise ValueError(f"override {item!r} is not key=value")
        key, value = item.split("=", 1)
        extra.update(overrides_from_mapping({key.strip(): value}, "command line"))
    init = extra.get("init", cli_values.get("init", file_values.get("init")))
    merged: Dict[str, Any] = dict(TINY_PRESET) if init == "tiny" else {}
    for layer in (file_values, cli_values, extra):
        merged.update(layer)
    cfg = TrainConfig(**merged)
    cfg.validate()
    return cfg
