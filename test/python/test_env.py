import io
import json
import os
import subprocess
import sys
from pathlib import Path

from laser_lab import __version__, env, events

PYTHON_DIR = Path(__file__).resolve().parents[2] / "python"


def test_report_names_interpreter_and_packages():
    report = env.report()
    assert report["executable"] == sys.executable
    assert report["laser_lab"] == __version__
    assert set(report["packages"]) == set(env.PACKAGES)
    assert report["cuda"]["available"] == bool(report["cuda"]["devices"])


def test_installed_package_has_version_and_missing_one_none(monkeypatch):
    monkeypatch.setattr(env, "PACKAGES", ("pytest", "laser-lab-no-such-package"))
    versions = env.package_versions()
    assert versions["pytest"].split(".")[0].isdigit()
    assert versions["laser-lab-no-such-package"] is None


def test_module_prints_exactly_one_result_event():
    proc = subprocess.run(
        [sys.executable, "-m", "laser_lab.env"],
        env={**os.environ, "PYTHONPATH": str(PYTHON_DIR)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["event"] for line in lines] == ["result"]
    assert lines[0]["python"].count(".") == 2


def test_events_replace_non_finite_numbers_with_null():
    out = io.StringIO()
    events.emit("metrics", out=out, step=3, data={"loss": float("nan"), "acc": 0.5, "gap": float("inf")})
    assert json.loads(out.getvalue()) == {"event": "metrics", "step": 3, "data": {"loss": None, "acc": 0.5, "gap": None}}
