"""HKUST Laser length-based reward shaping: +α for a correct response no longer than the target length L.

larse uses one L; larse-d picks L per difficulty band (low/medium/high accuracy) from a monitor set: the shortest
candidate L at which a band still keeps `expected_n_correct` of its expected correct responses uncut.
"""

from collections import defaultdict
from typing import Dict, List, Sequence, Tuple

LEVELS = ("low", "medium", "high")


def larse_bonus(correct: Sequence[bool], lengths: Sequence[int], targets: Sequence[int], alpha: float) -> List[float]:
    return [alpha if ok and n <= t else 0.0 for ok, n, t in zip(correct, lengths, targets)]


def group_accuracy(correct: Sequence[bool], groups: Sequence[int]) -> Dict[int, float]:
    hits: Dict[int, List[int]] = defaultdict(list)
    for ok, g in zip(correct, groups):
        hits[g].append(1 if ok else 0)
    return {g: sum(v) / len(v) for g, v in hits.items()}


def training_band(accuracy: float) -> str:
    """Band of a training prompt from its group accuracy (>= 2/3 high, >= 1/3 medium)."""
    return "high" if accuracy >= 2 / 3 else "medium" if accuracy >= 1 / 3 else "low"


def monitor_band(accuracy: float) -> str:
    """Band of a monitor-set question (<= 1/3 low, <= 2/3 medium, else high)."""
    return "low" if accuracy <= 1 / 3 else "medium" if accuracy <= 2 / 3 else "high"


def choose_target_lengths(correct: Sequence[bool], lengths: Sequence[int], groups: Sequence[int], n_rollout: int,
                          thresholds: Sequence[int], max_length: int, expected_n_correct: int = 1) -> Dict[str, int]:
    """Per band: coverage(L) = share of the band's responses no longer than L; a band expects about n·2/3 (high),
    n·1/3 (medium) or 1 (low) correct responses per question; L is the shortest threshold with
    int(coverage · expected) >= expected_n_correct, else max_length."""
    acc = group_accuracy(correct, groups)
    band_lengths: Dict[str, List[int]] = {lvl: [] for lvl in LEVELS}
    for n, g in zip(lengths, groups):
        band_lengths[monitor_band(acc[g])].append(n)
    expected = {"high": int(n_rollout * 2 / 3), "medium": int(n_rollout / 3), "low": 1}
    targets: Dict[str, int] = {}
    for lvl in LEVELS:
        targets[lvl] = max_length
        lens = band_lengths[lvl]
        for t in sorted(thresholds):
            coverage = sum(1 for n in lens if n <= t) / len(lens) if lens else 0.0
            if int(coverage * expected[lvl]) >= expected_n_correct and t < targets[lvl]:
                targets[lvl] = t
                break
    return targets


def shaped_scores(correct: Sequence[bool], lengths: Sequence[int], groups: Sequence[int], method: str, alpha: float,
                  target: int, band_targets: Dict[str, int]) -> Tuple[List[float], List[float], List[int]]:
    """(score = r + bonus, bonus, per-sample target length)."""
    if method == "larse":
        targets = [target] * len(correct)
    elif method == "larse-d":
        acc = group_accuracy(correct, groups)
        targets = [band_targets[training_band(acc[g])] for g in groups]
    else:
        targets = [0] * len(correct)
        return [1.0 if ok else 0.0 for ok in correct], [0.0] * len(correct), targets
    bonus = larse_bonus(correct, lengths, targets, alpha)
    return [(1.0 if ok else 0.0) + b for ok, b in zip(correct, bonus)], bonus, targets
