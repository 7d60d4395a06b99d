"""Metrics lines in verl's console format (`step:N - key:value - …`) and a tqdm-style progress line."""

import json
import math
import numbers
import pprint
import sys
import time
from typing import Any, Dict, Optional, TextIO


def _plain(value: Any) -> Any:
    # numpy/torch scalars would print as `np.float64(…)`; send plain Python numbers
    if isinstance(value, bool):
        return int(value)
    if type(value) not in (int, float) and hasattr(value, "item"):  # np.float64 subclasses float but prints differently
        value = value.item()
    return value


def step_line(step: int, metrics: Dict[str, Any]) -> str:
    parts = [f"step:{step}"]
    for key in sorted(metrics):
        value = _plain(metrics[key])
        if isinstance(value, numbers.Number):
            parts.append(f"{key}:{pprint.pformat(value)}")
    return " - ".join(parts)


def _clock(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "?"
    seconds = int(round(seconds))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h:d}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class ProgressLine:
    """`Training Progress:  40%|████      | 4/10 [00:08<00:12,  2.00s/it]`, one line per step."""

    def __init__(self, total: int, initial: int = 0, out: Optional[TextIO] = None, desc: str = "Training Progress"):
        self.total, self.done, self.out, self.desc = total, initial, out or sys.stderr, desc
        self._start, self._start_done = time.monotonic(), initial

    def render(self) -> str:
        elapsed = time.monotonic() - self._start
        steps = self.done - self._start_done
        rate = elapsed / steps if steps else float("nan")
        frac = self.done / self.total if self.total else 1.0
        filled = frac * 10
        bar = "█" * int(filled) + (" " if filled < 10 else "")
        bar = (bar + " " * 10)[:10]
        remaining = rate * (self.total - self.done) if steps else float("nan")
        rate_txt = f"{rate:5.2f}s/it" if steps else "?s/it"
        return f"{self.desc}: {frac * 100:3.0f}%|{bar}| {self.done}/{self.total} [{_clock(elapsed)}<{_clock(remaining)}, {rate_txt}]"

    def update(self, n: int = 1) -> None:
        self.done += n
        self.out.write(self.render() + "\n")
        self.out.flush()


class MetricsPrinter:
    def __init__(self, fmt: str = "verl", out: Optional[TextIO] = None):
        self.fmt, self.out = fmt, out

    def log(self, step: int, metrics: Dict[str, Any]) -> None:
        out = self.out or sys.stdout
        if self.fmt == "events":
            data = {k: _plain(v) for k, v in sorted(metrics.items())}
            data = {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in data.items()}
            out.write(json.dumps({"event": "metrics", "step": step, "data": data}, separators=(",", ":")) + "\n")
        else:
            out.write(step_line(step, metrics) + "\n")
        out.flush()


def info(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
