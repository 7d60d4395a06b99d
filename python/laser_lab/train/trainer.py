"""The GRPO + LaSeR training loop: rollout, verify, one forward pass for policy and z_c log-probs, clipped policy loss,
optional KL to a frozen reference, the class-balanced self-reward MSE, advantage integration, logging and checkpoints."""

import copy
import random
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from . import checkpoint as ckpt
from . import length_shaping
from .config import TrainConfig
from .evaluation import build_records, validation_metrics, write_jsonl
from .forward import self_reward_logprob, token_logprobs
from .loss import (
    COUNTER_KEYS,
    agg_loss,
    balanced_weights,
    grpo_advantages,
    integrate_advantages,
    kl_penalty,
    policy_loss,
    self_reward_loss,
    self_reward_scores,
    self_rewarding_advantages,
    self_verification_counts,
)
from .rollout import Packed, VllmRollout, generate_hf, pack
from .tasks import ArithmeticTask, MathJsonlTask, Task
from .tokenization import char_tokenizer, encode_prompt, eos_token_ids, resolve_token_id, tokenizer_from_files
from .verl_console import MetricsPrinter, ProgressLine, info

MetricsHook = Callable[[int, Dict[str, float]], None]


def pick_device(name: str):
    import torch

    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError("device cuda was asked for but torch sees no CUDA GPU")
    return torch.device(name)


def make_task(cfg: TrainConfig) -> Task:
    if cfg.task == "arithmetic":
        return ArithmeticTask(cfg.seed, cfg.arithmetic_min_digits, cfg.arithmetic_max_digits, cfg.arithmetic_ops,
                              cfg.val_size, cfg.prompt_suffix or "")
    return MathJsonlTask(cfg.train_files or "", cfg.val_files, cfg.seed, cfg.val_size, cfg.prompt_suffix, cfg.use_math_verify)


def _seed_for(*parts: Any) -> int:
    return random.Random("-".join(str(p) for p in parts)).getrandbits(62)


class Trainer:
    def __init__(self, cfg: TrainConfig, on_metrics: Optional[MetricsHook] = None, printer: Optional[MetricsPrinter] = None):
        import torch

        self.cfg = cfg
        self.on_metrics = on_metrics
        self.printer = printer or MetricsPrinter(cfg.log_format)
        self.device = pick_device(cfg.device)
        self.dtype = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[cfg.dtype]
        self.task = make_task(cfg)
        self.out = Path(cfg.out)
        self.global_step = 0
        self.c_ref: Optional[float] = cfg.ref_model_log_ratio_constant if cfg.ref_model_log_ratio_constant < 0 else None
        self.c_ref_calibrated = False
        self.band_targets = {lvl: cfg.target_length for lvl in length_shaping.LEVELS}
        self.warm_start: Dict[str, float] = {}
        self.ref_model = None
        self.vllm: Optional[VllmRollout] = None
        resume_from = ckpt.resolve_resume(cfg.out, cfg.resume)
        self._load_models(resume_from)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        if resume_from is not None:
            self._restore(resume_from)
        if cfg.rollout_name == "vllm":
            self._start_vllm()

    # ---------------------------------------------------------------- setup
    def _load_models(self, resume_from: Optional[Path]) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        cfg = self.cfg
        if resume_from is not None:
            source = str(resume_from)
            self.tokenizer = AutoTokenizer.from_pretrained(source)
            self.model = AutoModelForCausalLM.from_pretrained(source, dtype=self.dtype)
            info(f"resuming from {resume_from}")
        elif cfg.init == "tiny":
            from . import warm_cache
            from .tiny_model import TinySpec, build_tiny_qwen2

            cached = warm_cache.lookup(cfg.to_dict()) if cfg.warm_start_cache else None
            if cached is not None:
                self.tokenizer = AutoTokenizer.from_pretrained(str(cached))
                self.model = AutoModelForCausalLM.from_pretrained(str(cached), dtype=self.dtype)
                self.warm_start = {**warm_cache.load_info(cached), "cached": str(cached)}
                info(f"[warm-start] reusing {cached}: {self.warm_start}")
            else:
                if cfg.tokenizer == "qwen":
                    if not cfg.tokenizer_path:
                        raise ValueError("tokenizer=qwen needs tokenizer_path (a folder with tokenizer.json)")
                    self.tokenizer = tokenizer_from_files(cfg.tokenizer_path)
                else:
                    self.tokenizer = char_tokenizer()
                spec = TinySpec(cfg.tiny_hidden_size, cfg.tiny_intermediate_size, cfg.tiny_num_layers, cfg.tiny_num_heads,
                                cfg.tiny_num_kv_heads, max(256, cfg.max_prompt_length + cfg.max_response_length + 2))
                self.model = build_tiny_qwen2(self.tokenizer, spec, cfg.seed)
        else:
            path = cfg.model_path or ""
            self.tokenizer = (tokenizer_from_files(cfg.tokenizer_path) if cfg.tokenizer_path
                              else AutoTokenizer.from_pretrained(path))
            self.model = AutoModelForCausalLM.from_pretrained(path, dtype=self.dtype)
        self.model.to(self.device)
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.eos_ids = eos_token_ids(self.tokenizer, getattr(self.model.generation_config, "eos_token_id", None))
        self.pad_id = resolve_token_id(self.tokenizer, cfg.pad_token_id) if cfg.pad_token_id is not None else self.tokenizer.pad_token_id
        self.zc_id = resolve_token_id(self.tokenizer, cfg.self_reward_token_id)
        if self.zc_id in self.eos_ids:
            raise ValueError(f"self_reward_token_id {cfg.self_reward_token_id} is an EOS token of this tokenizer")
        self.model_name = cfg.model_name or (Path(cfg.model_path).name if cfg.model_path else f"tiny-qwen2-{cfg.tokenizer}")

        if resume_from is None and cfg.init == "tiny" and not self.warm_start:
            from . import warm_cache
            from .warm_start import supervised_warm_start

            torch.manual_seed(_seed_for("warm", cfg.seed))
            started = time.monotonic()
            warm_task = self.task
            if cfg.warm_start_ops and cfg.task == "arithmetic" and cfg.warm_start_ops != cfg.arithmetic_ops:
                assert isinstance(self.task, ArithmeticTask)
                warm_task = ArithmeticTask(cfg.seed, cfg.arithmetic_min_digits, cfg.arithmetic_max_digits, cfg.warm_start_ops,
                                           cfg.val_size, cfg.prompt_suffix or "", exclude=self.task.held_out)
            self.warm_start = supervised_warm_start(
                self.model, warm_task, self.tokenizer, self.encode, self.eos_ids[0], self.eos_ids, self.pad_id,
                cfg.warm_start_max_steps, cfg.warm_start_target_accuracy, cfg.warm_start_lr, cfg.warm_start_batch_size,
                cfg.warm_start_eval_every, cfg.max_response_length, cfg.temperature, self.device, info,
                mix_task=self.task if warm_task is not self.task else None, mix_steps=cfg.warm_start_mix_steps)
            self.warm_start["seconds"] = time.monotonic() - started
            info(f"[warm-start] done: {self.warm_start}")
            if cfg.warm_start_cache:
                warm_cache.store(cfg.to_dict(), self.model, self.tokenizer, self.warm_start)

        if self.needs_reference:
            ref_dir = self.out / "reference"
            if resume_from is not None and ref_dir.is_dir():
                self.ref_model = AutoModelForCausalLM.from_pretrained(str(ref_dir), dtype=self.dtype).to(self.device)
            elif resume_from is not None and cfg.model_path:
                self.ref_model = AutoModelForCausalLM.from_pretrained(cfg.model_path, dtype=self.dtype).to(self.device)
            else:
                self.ref_model = copy.deepcopy(self.model)
                if cfg.init == "tiny":  # not reproducible from a path: keep it for resumed runs
                    self.ref_model.save_pretrained(ref_dir, safe_serialization=True)
            self.ref_model.eval()
            for p in self.ref_model.parameters():
                p.requires_grad_(False)

    @property
    def needs_reference(self) -> bool:
        cfg = self.cfg
        return cfg.use_kl_loss or cfg.ref_model_log_ratio_constant >= 0

    def _start_vllm(self) -> None:
        try:
            import vllm  # noqa: F401
        except ImportError:
            info("rollout_name=vllm but vllm is not importable: sampling with HF generate")
            return
        path = self.cfg.model_path
        if path is None:  # a tiny or resumed model: give the engine a folder to start from; weights are synced anyway
            folder = self.out / "rollout_init"
            self.model.save_pretrained(folder, safe_serialization=True)
            self.tokenizer.save_pretrained(folder)
            path = str(folder)
        self.vllm = VllmRollout(path, self.cfg.vllm_gpu_memory_utilization, self.cfg.seed)

    def _restore(self, folder: Path) -> None:
        import torch

        state = ckpt.load_state(folder)
        self.global_step = int(state["global_step"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.c_ref = state.get("c_ref", self.c_ref)
        self.c_ref_calibrated = bool(state.get("c_ref_calibrated", False))
        self.band_targets = state.get("band_targets", self.band_targets)
        self.warm_start = state.get("warm_start", {})
        if "torch_rng" in state:
            torch.random.set_rng_state(state["torch_rng"])

    def encode(self, text: str) -> List[int]:
        ids = encode_prompt(self.tokenizer, text, self.cfg.use_chat_template)
        if len(ids) > self.cfg.max_prompt_length:
            raise ValueError(f"a prompt has {len(ids)} tokens, more than max_prompt_length {self.cfg.max_prompt_length}: {text[:80]!r}")
        return ids

    # ---------------------------------------------------------------- pieces
    def _generate(self, prompts: Sequence[Sequence[int]], n: int, temperature: float, top_p: float, do_sample: bool,
                  seed: int) -> Tuple[List[List[int]], List[bool]]:
        import torch

        torch.manual_seed(seed)
        if self.vllm is not None:
            self.vllm.sync_weights(self.model)
            return self.vllm.generate(prompts, n, self.cfg.max_response_length, self.eos_ids, temperature if do_sample else 0.0, top_p, seed)
        return generate_hf(self.model, prompts, n, self.cfg.max_response_length, self.eos_ids, self.pad_id,
                           temperature=temperature, top_p=top_p, do_sample=do_sample, chunk=self.cfg.generate_chunk,
                           device=self.device)

    def _micro_batches(self, count: int) -> List[List[List[int]]]:
        """Sample indices as mini-batches of micro-batches."""
        mini = (self.cfg.ppo_mini_batch_size or self.cfg.train_batch_size) * self.cfg.n
        micro = self.cfg.ppo_micro_batch_size_per_gpu
        out = []
        for start in range(0, count, mini):
            stop = min(start + mini, count)
            out.append([list(range(s, min(s + micro, stop))) for s in range(start, stop, micro)])
        return out

    def _zc_logprobs(self, model, prompts, responses, with_zc, chunk: int) -> "Any":
        import torch

        values = []
        with torch.no_grad():
            for start in range(0, len(responses), chunk):
                sl = slice(start, start + chunk)
                pk = pack(prompts[sl], responses[sl], with_zc[sl], self.zc_id, self.pad_id, self.device)
                logp, _ = token_logprobs(model, pk, self.cfg.temperature)
                values.append(self_reward_logprob(logp, pk, self.cfg.temperature))
        return torch.cat(values) if values else torch.zeros(0)

    def _reference_value(self, ref_zc) -> "Any":
        return ref_zc if self.c_ref is None else self.c_ref

    # ---------------------------------------------------------------- training step
    def train_step(self, step: int) -> Dict[str, float]:
        import torch

        cfg = self.cfg
        timing: Dict[str, float] = {}
        t_step = time.monotonic()
        problems = self.task.train_batch(step, cfg.train_batch_size)
        unique_prompts = [self.encode(self.task.prompt_text(p)) for p in problems]

        t = time.monotonic()
        responses, finished_list = self._generate(unique_prompts, cfg.n, cfg.temperature, cfg.top_p, True, _seed_for("rollout", cfg.seed, step))
        timing["gen"] = time.monotonic() - t
        groups = [i // cfg.n for i in range(len(responses))]
        prompts = [unique_prompts[g] for g in groups]
        texts = [self.tokenizer.decode(r, skip_special_tokens=True) for r in responses]
        verdicts = [self.task.verify(problems[g], txt) for g, txt in zip(groups, texts)]
        correct = [ok for _, ok in verdicts]
        lengths = [len(r) for r in responses]

        metrics: Dict[str, float] = {}
        t = time.monotonic()
        if cfg.length_penalty_method == "larse-d" and (step == 1 or step % max(cfg.monitor_freq, 1) == 0 or not self.band_targets):
            self._monitor(step, metrics)
        scores_list, bonus, targets = length_shaping.shaped_scores(
            correct, lengths, groups, cfg.length_penalty_method, cfg.length_reward_scalar, cfg.target_length, self.band_targets)
        rewards = torch.tensor([1.0 if ok else 0.0 for ok in correct])
        finished = torch.tensor(finished_list, dtype=torch.bool)
        scores = torch.tensor(scores_list, dtype=torch.float32)

        # old-policy (and reference) log-probs; z_c is placed after every finished response's EOS
        batches = self._micro_batches(len(responses))
        flat = [mb for mini in batches for mb in mini]
        packed: Dict[int, Packed] = {}
        old_logp: Dict[int, Any] = {}
        ref_logp: Dict[int, Any] = {}
        zc_old = torch.zeros(len(responses))
        ref_zc = torch.zeros(len(responses))
        ent_sum, ent_tokens = 0.0, 0.0
        t_old = time.monotonic()
        with torch.no_grad():
            for k, idx in enumerate(flat):
                pk = pack([prompts[i] for i in idx], [responses[i] for i in idx], [finished_list[i] for i in idx],
                          self.zc_id, self.pad_id, self.device)
                packed[k] = pk
                lp, ent = token_logprobs(self.model, pk, cfg.temperature, with_entropy=True)
                old_logp[k] = lp
                zc_old[idx] = self_reward_logprob(lp, pk, cfg.temperature).float().cpu()
                ent_sum += float((ent * pk.response_mask).sum())
                ent_tokens += float(pk.response_mask.sum())
        timing["old_log_prob"] = time.monotonic() - t_old
        if self.ref_model is not None:
            t_ref = time.monotonic()
            with torch.no_grad():
                for k, idx in enumerate(flat):
                    lp, _ = token_logprobs(self.ref_model, packed[k], cfg.temperature)
                    ref_logp[k] = lp
                    ref_zc[idx] = self_reward_logprob(lp, packed[k], cfg.temperature).float().cpu()
            timing["ref"] = time.monotonic() - t_ref

        add_sr = cfg.use_self_reward_loss and step > cfg.reasoning_warmup_steps
        add_int = (cfg.use_self_reward_loss and cfg.self_rewarding_advantages_integration_coef > 0.0
                   and step > cfg.reasoning_warmup_steps + cfg.self_rewarding_warmup_steps)
        if cfg.calibrate_ref_constant and not self.c_ref_calibrated and self.c_ref is not None and bool(finished.any()):
            # a fresh model's log π(z_c) is nowhere near a pretrained model's; anchor c_ref at its current mean
            self.c_ref = float(zc_old[finished].mean())
            self.c_ref_calibrated = True
            info(f"[laser] calibrated c_ref = {self.c_ref:.4f} (mean log π(z_c) of {int(finished.sum())} finished responses)")

        advantages = grpo_advantages(scores, groups, cfg.norm_adv_by_std_in_grpo)
        used_adv = advantages
        if add_int:
            s_old = self_reward_scores(zc_old, self._reference_value(ref_zc), cfg.self_reward_kl_coef)
            a_self = self_rewarding_advantages(s_old, finished, groups, advantages, cfg.self_rewarding_advantages_filtering_threshold)
            used_adv = integrate_advantages(advantages, a_self, cfg.self_rewarding_advantages_integration_coef)
        weights = balanced_weights(rewards, finished) if add_sr and cfg.self_reward_loss_balanced else None
        timing["adv"] = time.monotonic() - t

        # policy update
        t = time.monotonic()
        self.model.train()
        lists: Dict[str, List[float]] = {}
        counts = {key: 0 for key in COUNTER_KEYS}
        grad_norms: List[float] = []
        clip_low = cfg.clip_ratio_low if cfg.clip_ratio_low is not None else cfg.clip_ratio
        clip_high = cfg.clip_ratio_high if cfg.clip_ratio_high is not None else cfg.clip_ratio
        for epoch in range(cfg.ppo_epochs):
            k = 0
            for mini in batches:
                self.optimizer.zero_grad()
                accumulation = len(mini)
                for idx in mini:
                    pk = packed[k]
                    index = torch.tensor(idx)
                    logp, ent = token_logprobs(self.model, pk, cfg.temperature, with_entropy=cfg.entropy_coeff != 0)
                    adv = used_adv[index].to(self.device)
                    pg, clipfrac, ppo_kl, clip_lower = policy_loss(old_logp[k], logp, adv, pk.response_mask, clip_low, clip_high,
                                                                   cfg.clip_ratio_c, cfg.loss_agg_mode)
                    loss = pg
                    if cfg.entropy_coeff != 0:
                        loss = loss - cfg.entropy_coeff * agg_loss(ent, pk.response_mask, cfg.loss_agg_mode)
                    if cfg.use_kl_loss and self.ref_model is not None:
                        kl = agg_loss(kl_penalty(logp, ref_logp[k], cfg.kl_loss_type), pk.response_mask, cfg.loss_agg_mode)
                        loss = loss + cfg.kl_loss_coef * kl
                        lists.setdefault("actor/kl_loss", []).append(float(kl.detach()))
                    if add_sr:
                        zc = self_reward_logprob(logp, pk, cfg.temperature)
                        ref_v = ref_zc[index].to(self.device) if self.c_ref is None else self.c_ref
                        s = self_reward_scores(zc, ref_v, cfg.self_reward_kl_coef)
                        sr = self_reward_loss(s, rewards[index].to(self.device), finished[index].to(self.device),
                                              weights[index].to(self.device) if weights is not None else None)
                        loss = loss + cfg.self_reward_loss_coef * sr
                        lists.setdefault("actor/self_reward_loss", []).append(float(sr.detach()))
                        if epoch == 0:
                            for key, v in self_verification_counts(s.cpu(), rewards[index], finished[index]).items():
                                counts[key] += v
                    (loss / accumulation).backward()
                    for key, v in (("actor/pg_loss", pg), ("actor/pg_clipfrac", clipfrac), ("actor/ppo_kl", ppo_kl),
                                   ("actor/pg_clipfrac_lower", clip_lower)):
                        lists.setdefault(key, []).append(float(v.detach()))
                    k += 1
                norm = torch.nn.utils.clip_grad_norm_(self.model.parameters(), cfg.grad_clip)
                if torch.isfinite(norm):
                    self.optimizer.step()
                else:
                    info(f"step {step}: grad_norm is not finite, update skipped")
                    self.optimizer.zero_grad()
                grad_norms.append(float(norm))
        self.optimizer.zero_grad()
        timing["update_actor"] = time.monotonic() - t

        for key, vals in lists.items():
            metrics[key] = sum(vals) / len(vals)
        metrics["actor/grad_norm"] = sum(grad_norms) / len(grad_norms)
        metrics["actor/entropy"] = ent_sum / max(ent_tokens, 1.0)
        metrics["actor/lr"] = self.optimizer.param_groups[0]["lr"]
        if cfg.use_kl_loss:
            metrics["actor/kl_coef"] = cfg.kl_loss_coef
        if add_sr:
            metrics.update({key: float(v) for key, v in counts.items()})
            metrics["actor/self_reward_loss_coef"] = cfg.self_reward_loss_coef
            metrics["actor/self_reward_kl_coef"] = cfg.self_reward_kl_coef
        if self.c_ref is not None:
            metrics["actor/self_reward_ref_constant"] = self.c_ref
        if bool(finished.any()):
            s_now = self_reward_scores(zc_old, self._reference_value(ref_zc), cfg.self_reward_kl_coef)
            metrics["actor/self_reward_score/mean"] = float(s_now[finished].mean())
        if add_int:
            metrics["actor/self_rewarding_advantages_integration"] = 1.0

        n_samples = len(responses)
        metrics.update({
            "critic/score/mean": float(scores.mean()), "critic/score/max": float(scores.max()), "critic/score/min": float(scores.min()),
            "critic/rewards/mean": float(scores.mean()), "critic/rewards/max": float(scores.max()), "critic/rewards/min": float(scores.min()),
            "critic/advantages/mean": float(used_adv.mean()), "critic/advantages/max": float(used_adv.max()),
            "critic/advantages/min": float(used_adv.min()),
            "response_length/mean": sum(lengths) / n_samples, "response_length/max": float(max(lengths)),
            "response_length/min": float(min(lengths)),
            "response_length/clip_ratio": 1.0 - float(finished.float().mean()),
            "prompt_length/mean": sum(len(p) for p in prompts) / n_samples,
            "prompt_length/max": float(max(len(p) for p in prompts)), "prompt_length/min": float(min(len(p) for p in prompts)),
            "training/global_step": float(step),
        })
        if cfg.length_penalty_method != "none":
            metrics["length_scores/mean"] = sum(bonus) / n_samples
            metrics["length_scores/max"] = max(bonus)
            metrics["length_scores/min"] = min(bonus)
            if cfg.length_penalty_method == "larse-d":
                metrics["dynamic_target_lengths/mean"] = sum(targets) / n_samples
                metrics["dynamic_target_lengths/max"] = float(max(targets))
                metrics["dynamic_target_lengths/min"] = float(min(targets))
                for lvl, val in self.band_targets.items():
                    metrics[f"target_lengths/{lvl}"] = float(val)
        for key, val in timing.items():
            metrics[f"timing_s/{key}"] = val
        metrics["timing_s/step"] = time.monotonic() - t_step
        return metrics

    def _monitor(self, step: int, metrics: Dict[str, float]) -> None:
        """Laser-D: resample the monitor set and choose each difficulty band's target length."""
        cfg = self.cfg
        problems = self.task.train_batch(-10_000_000 - 1, cfg.monitor_size)  # a fixed monitor set
        prompts = [self.encode(self.task.prompt_text(p)) for p in problems]
        responses, _ = self._generate(prompts, cfg.n, cfg.temperature, cfg.top_p, True, _seed_for("monitor", cfg.seed, step))
        groups = [i // cfg.n for i in range(len(responses))]
        correct = [self.task.verify(problems[g], self.tokenizer.decode(r, skip_special_tokens=True))[1] for g, r in zip(groups, responses)]
        thresholds = cfg.length_thresholds or list(range(2, cfg.max_response_length + 1))
        self.band_targets = length_shaping.choose_target_lengths(
            correct, [len(r) for r in responses], groups, cfg.n, thresholds, cfg.max_response_length, cfg.expected_n_correct)
        metrics["monitor/test_correctness"] = sum(correct) / len(correct)

    # ---------------------------------------------------------------- validation
    def validate(self, step: int) -> Dict[str, float]:
        cfg = self.cfg
        problems = self.task.val_problems()
        prompts_unique = [self.encode(self.task.prompt_text(p)) for p in problems]
        # the same sampling seed at every validation, so steps are compared on the same draws
        responses, finished = self._generate(prompts_unique, cfg.val_n, cfg.val_temperature, cfg.val_top_p, cfg.val_do_sample,
                                             _seed_for("val", cfg.seed))
        groups = [i // cfg.val_n for i in range(len(responses))]
        prompts = [prompts_unique[g] for g in groups]
        texts = [self.tokenizer.decode(r, skip_special_tokens=True) for r in responses]
        verdicts = [self.task.verify(problems[g], txt) for g, txt in zip(groups, texts)]
        # as LaSeR's scorer: every solution is scored as response + EOS + z_c (EOS added where it was cut)
        scored = [r if done else list(r) + [self.eos_ids[0]] for r, done in zip(responses, finished)]
        chunk = self.cfg.ppo_micro_batch_size_per_gpu
        zc = self._zc_logprobs(self.model, prompts, scored, [True] * len(scored), chunk)
        ref_zc = self._zc_logprobs(self.ref_model, prompts, scored, [True] * len(scored), chunk) if self.ref_model is not None else None
        ref_value = self.c_ref if self.c_ref is not None else ref_zc
        s = self_reward_scores(zc, ref_value, cfg.self_reward_kl_coef)
        records = build_records(problems, cfg.val_n, texts, [p for p, _ in verdicts], [ok for _, ok in verdicts],
                                s.tolist(), zc.tolist(), ref_zc.tolist() if ref_zc is not None else None, self.model_name)
        write_jsonl(self.out / "validation" / f"step_{step}.jsonl", records)
        return validation_metrics(records, cfg.val_n, [len(r) for r in responses], finished)

    # ---------------------------------------------------------------- loop
    def _state(self) -> Dict[str, Any]:
        import torch

        return {
            "global_step": self.global_step,
            "optimizer": self.optimizer.state_dict(),
            "c_ref": self.c_ref,
            "c_ref_calibrated": self.c_ref_calibrated,
            "band_targets": self.band_targets,
            "warm_start": self.warm_start,
            "torch_rng": torch.random.get_rng_state(),
        }

    def save(self) -> Path:
        return ckpt.save_checkpoint(str(self.out), self.global_step, self.model, self.tokenizer, self._state(), self.cfg.to_dict())

    def _emit(self, step: int, metrics: Dict[str, float]) -> None:
        self.printer.log(step, metrics)
        if self.on_metrics is not None:
            self.on_metrics(step, metrics)

    def fit(self) -> Dict[str, Any]:
        cfg = self.cfg
        self.out.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        last_val: Dict[str, float] = {}
        if self.global_step >= cfg.steps:
            info(f"checkpoint is at step {self.global_step} >= steps {cfg.steps}: nothing to do")
            return {"global_step": self.global_step, "wall_s": 0.0, "warm_start": self.warm_start, "final_val": {}}
        if self.global_step == 0 and cfg.val_before_train and cfg.test_freq > 0:
            t = time.monotonic()
            last_val = self.validate(0)
            last_val["timing_s/testing"] = time.monotonic() - t
            self._emit(0, last_val)
        progress = ProgressLine(cfg.steps, self.global_step)
        while self.global_step < cfg.steps:
            step = self.global_step + 1
            t_step = time.monotonic()
            metrics = self.train_step(step)
            self.global_step = step
            last = step == cfg.steps
            if cfg.test_freq > 0 and (last or step % cfg.test_freq == 0):
                t = time.monotonic()
                val = self.validate(step)
                metrics.update(val)
                metrics["timing_s/testing"] = time.monotonic() - t
                last_val = val
            if last or (cfg.save_freq > 0 and step % cfg.save_freq == 0):
                t = time.monotonic()
                folder = self.save()
                metrics["timing_s/save_checkpoint"] = time.monotonic() - t
                info(f"saved checkpoint {folder}")
            metrics["timing_s/step"] = time.monotonic() - t_step
            self._emit(step, metrics)
            progress.update()
        return {"global_step": self.global_step, "wall_s": time.monotonic() - started, "warm_start": self.warm_start,
                "final_val": last_val, "c_ref": self.c_ref}


def run(cfg: TrainConfig, on_metrics: Optional[MetricsHook] = None, printer: Optional[MetricsPrinter] = None) -> Dict[str, Any]:
    import torch

    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    trainer = Trainer(cfg, on_metrics, printer)
    return trainer.fit()


__all__ = ["Trainer", "run", "make_task", "pick_device"]
