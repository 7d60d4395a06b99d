"""Reading a LaSeR eval JSONL for scoring, with per-line problems reported instead of stopping the whole file."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional


class InputFileError(ValueError):
    """The file as a whole cannot be read (not UTF-8, missing)."""


@dataclass
class Line:
    number: int  # 1-based line number in the file
    raw: str  # the line as read (written back unchanged when the line cannot be scored)
    record: Optional[Dict[str, Any]] = None
    error: Optional[str] = None  # the whole line is skipped
    response_errors: Dict[int, str] = field(default_factory=dict)  # response index → why it is not scored


def read_text_utf8(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise InputFileError(f"{p}: no such file")
    data = p.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputFileError(f"{p}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); "
                             "expected a UTF-8 JSONL file") from None


def read_lines(path: str) -> List[Line]:
    """Every non-blank line, parsed; what is wrong with a line or a response is recorded on it."""
    lines: List[Line] = []
    for number, raw in enumerate(read_text_utf8(path).splitlines(), 1):
        if not raw.strip():
            continue
        line = Line(number, raw)
        lines.append(line)
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            line.error = f"not valid JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(record, dict):
            line.error = "expected a JSON object with \"problem\" and \"responses\""
            continue
        if not isinstance(record.get("problem"), str):
            line.error = "no \"problem\" string"
            continue
        responses = record.get("responses")
        if not isinstance(responses, list):
            line.error = "no \"responses\" list"
            continue
        line.record = record
        for j, resp in enumerate(responses):
            if not isinstance(resp, str):
                line.response_errors[j] = f"response {j} is not a string"
            elif resp == "":
                line.response_errors[j] = f"response {j} is empty"
    return lines
