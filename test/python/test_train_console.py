import io
import re

import pytest

from laser_lab.train.verl_console import MetricsPrinter, ProgressLine, step_line


def test_step_line_is_verl_console_format():
    np = pytest.importorskip("numpy")
    torch = pytest.importorskip("torch")
    line = step_line(3, {"critic/score/mean": np.float64(0.25), "actor/pg_loss": -1.5, "actor/grad_norm": torch.tensor(2.0),
                         "timing_s/step": 1, "note": "text is skipped"})
    assert line == "step:3 - actor/grad_norm:2.0 - actor/pg_loss:-1.5 - critic/score/mean:0.25 - timing_s/step:1"
    assert "np.float64" not in line


def test_step_line_keeps_full_precision_and_nan():
    line = step_line(1, {"a": 1 / 3, "b": float("nan"), "c": float("inf")})
    assert line == "step:1 - a:0.3333333333333333 - b:nan - c:inf"


def test_events_format_is_json_metrics_event():
    out = io.StringIO()
    MetricsPrinter("events", out).log(2, {"x": 1.5, "y": float("nan")})
    assert out.getvalue() == '{"event":"metrics","step":2,"data":{"x":1.5,"y":null}}\n'


def test_progress_line_looks_like_tqdm():
    out = io.StringIO()
    bar = ProgressLine(10, 0, out)
    bar.update()
    bar.update()
    lines = out.getvalue().splitlines()
    assert re.fullmatch(r"Training Progress:  20%\|██        \| 2/10 \[\d\d:\d\d<(\d\d:\d\d|\?), +[\d.]+s/it\]", lines[1]), lines[1]
