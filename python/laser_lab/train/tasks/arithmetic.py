"""Multi-digit arithmetic generated from a seed: "What is 37+58?" answered as \\boxed{95}; exact integer verifier."""

import random
from typing import FrozenSet, Iterable, List, Optional, Set, Tuple

from .answer import last_boxed
from .base import Problem, Task

_OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}


class ArithmeticTask(Task):
    name = "arithmetic"

    def __init__(self, seed: int, min_digits: int = 2, max_digits: int = 2, ops: str = "+", val_size: int = 64,
                 prompt_suffix: str = "", data_source: str = "arithmetic", exclude: Iterable[Tuple[int, str, int]] = ()):
        """exclude: further (a, op, b) problems never to train on (another task's held-out set)."""
        if min_digits < 1 or max_digits < min_digits:
            raise ValueError(f"arithmetic digits must satisfy 1 <= min <= max, got {min_digits}..{max_digits}")
        bad = [op for op in ops if op not in _OPS]
        if bad or not ops:
            raise ValueError(f"arithmetic ops must be drawn from '+-*', got {ops!r}")
        self.seed, self.min_digits, self.max_digits, self.ops = seed, min_digits, max_digits, ops
        self.prompt_suffix, self.data_source = prompt_suffix, data_source
        space = len(ops) * (self._count(max_digits) ** 2)
        if val_size * 4 > space:
            raise ValueError(f"val_size {val_size} is too large for {space} distinct arithmetic problems")
        rng = random.Random(f"arithmetic-val-{seed}")
        self._val: List[Tuple[int, str, int]] = []
        seen: Set[Tuple[int, str, int]] = set()
        while len(self._val) < val_size:
            key = self._draw(rng)
            if key not in seen:
                seen.add(key)
                self._val.append(key)
        self._held_out = seen | set(exclude)

    def _count(self, digits: int) -> int:
        return 10 ** digits

    def _operand(self, rng: random.Random) -> int:
        digits = rng.randint(self.min_digits, self.max_digits)
        low = 0 if digits == 1 else 10 ** (digits - 1)
        return rng.randint(low, 10 ** digits - 1)

    def _draw(self, rng: random.Random) -> Tuple[int, str, int]:
        return self._operand(rng), rng.choice(self.ops), self._operand(rng)

    def _problem(self, key: Tuple[int, str, int]) -> Problem:
        a, op, b = key
        return Problem(problem=f"What is {a}{op}{b}?{self.prompt_suffix}", answer=str(_OPS[op](a, b)), data_source=self.data_source)

    def train_batch(self, step: int, size: int) -> List[Problem]:
        rng = random.Random(f"arithmetic-train-{self.seed}-{step}")
        out: List[Problem] = []
        while len(out) < size:
            key = self._draw(rng)
            if key not in self._held_out:
                out.append(self._problem(key))
        return out

    @property
    def held_out(self) -> FrozenSet[Tuple[int, str, int]]:
        return frozenset(self._held_out)

    def val_problems(self) -> List[Problem]:
        return [self._problem(k) for k in self._val]

    def verify(self, problem: Problem, response: str) -> Tuple[Optional[str], bool]:
        pred = last_boxed(response)
        if pred is None:
            return None, False
        text = pred.strip().replace(" ", "")
        try:
            return pred, int(text) == int(problem.answer)
        except ValueError:
            return pred, False
