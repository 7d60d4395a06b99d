"""JSON-line events every worker prints on stdout; the extension reads them (src/core/python/workerEvents.ts)."""

import json
import math
import sys
from typing import Any, Callable, Dict, TextIO, Tuple, Type


def _finite(value: Any) -> Any:
    # JSON has no NaN/Infinity: send them as null rather than invalid JSON.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def emit(event: str, out: TextIO = sys.stdout, **fields: Any) -> None:
    out.write(json.dumps({"event": event, **_finite(fields)}, separators=(",", ":")) + "\n")
    out.flush()


def progress(done: int, total: int) -> None:
    emit("progress", done=done, total=total)


def metrics(step: int, data: Dict[str, float]) -> None:
    emit("metrics", step=step, data=data)


def result(**fields: Any) -> None:
    emit("result", **fields)


def error(message: str) -> None:
    emit("error", message=message)


def run_worker(module: str, work: Callable[[], Dict[str, Any]], expected: Tuple[Type[BaseException], ...]) -> int:
    """A worker's entry point: its result as a `result` event (exit 0), or an error a user can cause as one
    `error` event naming the module (exit 1); anything else is a bug and keeps its traceback."""
    try:
        res = work()
    except expected as exc:
        error(f"{module}: {exc}")
        return 1
    result(**res)
    return 0
