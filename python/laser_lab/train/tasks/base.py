"""What the trainer needs from a task: a deterministic training stream, a held-out set and a verifier."""

from dataclasses import dataclass
from typing import List, Optional, Tuple


@dataclass(frozen=True)
class Problem:
    problem: str
    answer: str
    data_source: str


class Task:
    name = "task"

    def train_batch(self, step: int, size: int) -> List[Problem]:
        """The problems of training step `step` (1-based); a pure function of (seed, step), so a resumed run sees the same data."""
        raise NotImplementedError

    def val_problems(self) -> List[Problem]:
        raise NotImplementedError

    def prompt_text(self, problem: Problem) -> str:
        return problem.problem

    def reference_response(self, problem: Problem) -> str:
        """A correct response, used for the supervised warm start of a fresh model."""
        return "\\boxed{" + problem.answer + "}"

    def verify(self, problem: Problem, response: str) -> Tuple[Optional[str], bool]:
        """(extracted \\boxed answer or None, correct?)"""
        raise NotImplementedError
