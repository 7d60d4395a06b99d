"""Shared bits for the scoring/export/generate tests: one tiny checkpoint per session, subprocess runner for the workers."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

PYTHON_DIR = Path(__file__).resolve().parents[2] / "python"


def run_module(module: str, args: List[str], timeout: int = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PYTHON_DIR)}
    return subprocess.run([sys.executable, "-m", module, *args], env=env, capture_output=True, text=True, timeout=timeout)


def events_of(stdout: str) -> List[Dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


def read_jsonl(path: Path) -> List[Dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
