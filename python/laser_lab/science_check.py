"""`python -m laser_lab.science_check --out DIR`: does the LaSeR term teach a policy to verify itself?

On CPU, one tiny Qwen2 model is warm-started on arithmetic (2-digit a+b and a*b: the model learns some sums and almost
no products, so its own accuracy varies strongly between problems), then trained twice from the same weights and seed:
LaSeR (GRPO + self-reward MSE) and a GRPO baseline without the self-reward loss. On held-out problems, each run's
last-token score s = β_v·(log π(z_c|x,y,eos) − c_ref) predicts "correct" when s > 0.5; the LaSeR-F1 (harmonic mean of
accuracy on correct and on incorrect solutions) should rise well above chance for LaSeR and not for the baseline.
Writes science_check.json (all numbers) and science_check.png (both curves) under DIR.
"""

import argparse
import io
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

from . import events

TARGET_F1 = 0.75


def _loadavg() -> Optional[List[float]]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system


def _curve_point(step: int, metrics: Dict[str, float], wall: float) -> Optional[Dict[str, float]]:
    core = [k for k in metrics if k.startswith("val-core/") and "/reward/mean@" in k]
    if not core:
        return None
    source = core[0].split("/")[1]
    aux = f"val-aux/{source}/self_reward/"
    point = {"step": step, "wall_s": round(wall, 2), "accuracy": metrics[core[0]]}
    for key in ("laser_f1", "f1", "accuracy", "acc_correct", "acc_incorrect", "auroc", "score_mean", "num_solutions"):
        if aux + key in metrics:
            point["self_verification_" + key if key == "accuracy" else key] = metrics[aux + key]
    return point


def _by_operation(records: List[Dict[str, Any]]) -> Dict[str, Dict[str, float]]:
    from .train.evaluation import self_verification_summary

    groups: Dict[str, List[Dict[str, Any]]] = {}
    for rec in records:
        op = "*" if "*" in rec["problem"] else "-" if "-" in rec["problem"][8:] else "+"
        groups.setdefault(op, []).append(rec)
    out = {}
    for op, recs in sorted(groups.items()):
        summary = self_verification_summary(recs)
        accs = [a for r in recs for a in r["acc_list"]]
        out[op] = {"problems": len(recs), "task_accuracy": sum(accs) / len(accs), **summary}
    return out


def _read_jsonl(path: Path) -> List[Dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _plot(path: Path, runs: Dict[str, Dict[str, Any]]) -> str:
    colors = {"laser": (214, 39, 40), "grpo_baseline": (31, 119, 180)}
    labels = {"laser": "LaSeR", "grpo_baseline": "GRPO baseline"}
    panels = [("laser_f1", "Held-out LaSeR-F1"), ("auroc", "Held-out AUROC of s"), ("accuracy", "Held-out accuracy")]
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, len(panels), figsize=(15, 4.2))
        for ax, (key, title) in zip(axes, panels):
            for name, run in runs.items():
                pts = [p for p in run["curve"] if key in p]
                ax.plot([p["step"] for p in pts], [p[key] for p in pts], marker="o", label=labels[name],
                        color=tuple(c / 255 for c in colors[name]))
            if key == "laser_f1":
                ax.axhline(TARGET_F1, ls="--", color="gray", lw=1, label=f"target {TARGET_F1}")
            if key == "auroc":
                ax.axhline(0.5, ls=":", color="gray", lw=1, label="chance")
            ax.set_ylim(0, 1)
            ax.set_xlabel("training step")
            ax.set_title(title)
            ax.grid(alpha=0.3)
            ax.legend(loc="lower right", fontsize=8)
        fig.suptitle("LaSeR self-verification on held-out arithmetic (tiny Qwen2, CPU); predicted correct <=> s > 0.5")
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        return "matplotlib"
    except ImportError:
        from .plot_png import line_panels

        spec = []
        for key, title in panels:
            series = []
            for name, run in runs.items():
                pts = [p for p in run["curve"] if key in p]
                series.append((labels[name], [p["step"] for p in pts], [p[key] for p in pts], colors[name]))
            spec.append((title, series, (0.0, 1.0)))
        path.write_bytes(line_panels(spec))
        return "plot_png"


def run_check(out: Path, seed: int, steps: int, test_freq: int, use_cache: bool, log: bool = True,
              extra: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """extra: option values applied to both runs (e.g. a smaller model for a smoke test)."""
    import torch

    from .train.config import TINY_PRESET, build_config
    from .train.trainer import Trainer
    from .train.verl_console import MetricsPrinter

    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    cpu0 = _cpu_seconds()
    load_before = _loadavg()
    common = {**TINY_PRESET, "task": "arithmetic", "device": "cpu", "seed": seed, "steps": steps, "test_freq": test_freq,
              "save_freq": -1, "warm_start_cache": use_cache, **(extra or {})}
    runs: Dict[str, Dict[str, Any]] = {}

    def collector(name: str, t0: List[float]):
        curve: List[Dict[str, float]] = []
        runs[name] = {"curve": curve}

        def hook(step: int, metrics: Dict[str, float]) -> None:
            point = _curve_point(step, metrics, time.monotonic() - t0[0])
            if point is not None:
                curve.append(point)
                if log:
                    sys.stderr.write(f"[science] {name} step {step}: LaSeR-F1 {point.get('laser_f1', 0):.3f} "
                                     f"AUROC {point.get('auroc', float('nan')):.3f} accuracy {point['accuracy']:.3f}\n")
        return hook

    quiet = MetricsPrinter(out=io.StringIO())  # the curves are what matters here; the logs go to each run's files

    # LaSeR: builds and warm-starts the model (or takes it from the cache), which the baseline then starts from
    t0 = [time.monotonic()]
    laser_cfg = build_config({**common, "init": "tiny", "out": str(out / "laser"), "model_name": "tiny-laser"})
    laser = Trainer(laser_cfg, collector("laser", t0), quiet)
    warm_dir = out / "warm_start"
    laser.model.save_pretrained(warm_dir, safe_serialization=True)
    laser.tokenizer.save_pretrained(warm_dir)
    warm_s = time.monotonic() - t0[0]
    t0[0] = time.monotonic()
    summary_laser = laser.fit()
    runs["laser"].update(wall_s=round(time.monotonic() - t0[0], 2), c_ref=summary_laser.get("c_ref"))
    del laser

    t0 = [time.monotonic()]
    base_cfg = build_config({**common, "init": None, "model_path": str(warm_dir), "out": str(out / "grpo_baseline"),
                             "use_self_reward_loss": False, "model_name": "tiny-grpo"})
    base = Trainer(base_cfg, collector("grpo_baseline", t0), quiet)
    summary_base = base.fit()
    runs["grpo_baseline"].update(wall_s=round(time.monotonic() - t0[0], 2), c_ref=summary_base.get("c_ref"))
    del base

    for name in runs:
        last_file = out / name / "validation" / f"step_{steps}.jsonl"
        runs[name]["final"] = runs[name]["curve"][-1] if runs[name]["curve"] else {}
        runs[name]["final_by_operation"] = _by_operation(_read_jsonl(last_file)) if last_file.is_file() else {}
        runs[name]["eval_jsonl"] = str(last_file)

    total_s = time.monotonic() - started
    result: Dict[str, Any] = {
        "question": "Does LaSeR's last-token self-reward predict correctness on held-out problems (s > 0.5), "
                    "while a GRPO baseline's does not?",
        "target_laser_f1": TARGET_F1,
        "laser_final_f1": runs["laser"]["final"].get("laser_f1"),
        "baseline_final_f1": runs["grpo_baseline"]["final"].get("laser_f1"),
        "passed": bool((runs["laser"]["final"].get("laser_f1") or 0) >= TARGET_F1),
        "seed": seed,
        "steps": steps,
        "warm_start": {**summary_laser.get("warm_start", {}), "wall_s_including_model_build": round(warm_s, 2)},
        "runs": runs,
        "config": {k: v for k, v in laser_cfg.to_dict().items() if k not in ("out", "model_name")},
        "machine": {
            "cpus": os.cpu_count(), "torch_threads": torch.get_num_threads(), "python": platform.python_version(),
            "torch": torch.__version__, "loadavg_before": load_before, "loadavg_after": _loadavg(),
        },
        "wall_s_total": round(total_s, 2),
        "cpu_s_this_process": round(_cpu_seconds() - cpu0, 2),
    }
    png = out / "science_check.png"
    result["plotter"] = _plot(png, runs)
    result["png"] = str(png)
    (out / "science_check.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m laser_lab.science_check", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="folder for science_check.json, science_check.png and both runs")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--test-freq", type=int, default=10)
    ap.add_argument("--no-cache", action="store_true", help="always run the warm start (honest wall time from scratch)")
    args = ap.parse_args(argv)
    try:
        result = run_check(Path(args.out), args.seed, args.steps, args.test_freq, not args.no_cache)
    except (ValueError, OSError) as exc:
        events.error(f"laser_lab.science_check: {exc}")
        return 1
    events.result(passed=result["passed"], laser_final_f1=result["laser_final_f1"], baseline_final_f1=result["baseline_final_f1"],
                  wall_s_total=result["wall_s_total"], json=str(Path(args.out) / "science_check.json"), png=result["png"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
