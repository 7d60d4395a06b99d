"""Built-in tasks with exact verifiers; no downloads."""

from .arithmetic import ArithmeticTask
from .base import Problem, Task
from .math_jsonl import MathJsonlTask

__all__ = ["ArithmeticTask", "MathJsonlTask", "Problem", "Task"]
