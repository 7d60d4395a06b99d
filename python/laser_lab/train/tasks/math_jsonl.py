"""Any math JSONL with `problem` and `answer` fields (optionally `data_source`), verified on its \\boxed{} answer."""

import json
import random
from pathlib import Path
from typing import List, Optional, Tuple

from .answer import answers_match, last_boxed
from .base import Problem, Task

BOXED_INSTRUCTION = "\nPlease reason step by step, and put your final answer within \\boxed{}."


def read_problems(path: str, default_source: str) -> List[Problem]:
    problems: List[Problem] = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
            if not isinstance(row, dict) or "problem" not in row or "answer" not in row:
                raise ValueError(f"{path}:{lineno}: each line needs 'problem' and 'answer'")
            problems.append(Problem(str(row["problem"]), str(row["answer"]), str(row.get("data_source", default_source))))
    if not problems:
        raise ValueError(f"{path}: no problems")
    return problems


class MathJsonlTask(Task):
    name = "math_jsonl"

    def __init__(self, train_files: str, val_files: Optional[str], seed: int, val_size: int = 64,
                 prompt_suffix: Optional[str] = None, use_math_verify: bool = True):
        source = Path(train_files).stem if Path(train_files).stem not in ("train", "test") else Path(train_files).parent.name
        self._train = read_problems(train_files, source or "math")
        if val_files:
            vpath = Path(val_files)
            self._val = read_problems(val_files, vpath.parent.name if vpath.stem in ("train", "test") else vpath.stem)[:val_size]
        else:
            rng = random.Random(f"math-split-{seed}")
            order = list(range(len(self._train)))
            rng.shuffle(order)
            k = min(val_size, max(1, len(order) // 5))
            held = set(order[:k])
            self._val = [self._train[i] for i in order[:k]]
            self._train = [p for i, p in enumerate(self._train) if i not in held]
        self.seed = seed
        self.prompt_suffix = BOXED_INSTRUCTION if prompt_suffix is None else prompt_suffix
        self.use_math_verify = use_math_verify
        self._order: List[int] = []
        self._order_epoch = -1

    def _epoch_order(self, epoch: int) -> List[int]:
        if self._order_epoch != epoch:
            order = list(range(len(self._train)))
            random.Random(f"math-epoch-{self.seed}-{epoch}").shuffle(order)
            self._order, self._order_epoch = order, epoch
        return self._order

    def train_batch(self, step: int, size: int) -> List[Problem]:
        start = (step - 1) * size
        out: List[Problem] = []
        for pos in range(start, start + size):
            epoch, index = divmod(pos, len(self._train))
            out.append(self._train[self._epoch_order(epoch)[index]])
        return out

    def val_problems(self) -> List[Problem]:
        return list(self._val)

    def prompt_text(self, problem: Problem) -> str:
        return problem.problem + self.prompt_suffix

    def verify(self, problem: Problem, response: str) -> Tuple[Optional[str], bool]:
        pred = last_boxed(response)
        return pred, answers_match(pred, problem.answer, self.use_math_verify)
