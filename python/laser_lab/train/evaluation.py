"""Held-out evaluation: LaSeR eval JSONL records and self-verification metrics (predicted correct ⇔ s > 0.5)."""

import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from .loss import laser_f1


def auroc(scores: Sequence[float], labels: Sequence[bool]) -> Optional[float]:
    """Probability that a random correct solution scores above a random incorrect one (ties count half)."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return None
    ordered = sorted((s, i) for i, s in enumerate(list(pos) + list(neg)))
    ranks = [0.0] * len(ordered)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1][0] == ordered[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[ordered[k][1]] = (i + j) / 2 + 1
        i = j + 1
    rank_pos = sum(ranks[: len(pos)])
    return (rank_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def self_verification_summary(records: Sequence[Dict[str, Any]], filtered: bool = True) -> Dict[str, float]:
    """Counts and rates over the records' solutions; filtered: only solutions with a \\boxed answer (as LaSeR's scorer)."""
    labels: List[bool] = []
    scores: List[float] = []
    for rec in records:
        for acc, s, pred in zip(rec["acc_list"], rec["self_rewarding_scores"], rec["pred_answers"]):
            if filtered and pred is None:
                continue
            labels.append(bool(acc))
            scores.append(float(s))
    p = sum(labels)
    nn = len(labels) - p
    tp = sum(1 for y, s in zip(labels, scores) if y and s > 0.5)
    tn = sum(1 for y, s in zip(labels, scores) if not y and s <= 0.5)
    out: Dict[str, float] = {
        "num_solutions": len(labels), "num_correct": p, "num_incorrect": nn, "tp": tp, "tn": tn,
        "accuracy": (tp + tn) / len(labels) if labels else 0.0,
        "acc_correct": tp / p if p else 0.0,
        "acc_incorrect": tn / nn if nn else 0.0,
        "laser_f1": laser_f1(tp, p, tn, nn),
        "f1": 2 * tp / (tp + p + nn - tn) if (tp + p + nn - tn) else 0.0,
        "score_mean": sum(scores) / len(scores) if scores else 0.0,
    }
    roc = auroc(scores, labels)
    if roc is not None:
        out["auroc"] = roc
    return out


def build_records(problems, n: int, texts: Sequence[str], preds: Sequence[Optional[str]], accs: Sequence[bool],
                  scores: Sequence[float], policy_lps: Sequence[float], ref_lps: Optional[Sequence[float]], model_name: str
                  ) -> List[Dict[str, Any]]:
    records = []
    for i, prob in enumerate(problems):
        sl = slice(i * n, (i + 1) * n)
        pred = list(preds[sl])
        rec: Dict[str, Any] = {
            "problem": prob.problem,
            "answer": prob.answer,
            "data_source": prob.data_source,
            "responses": list(texts[sl]),
            "pred_answers": pred,
            "acc_list": [bool(a) for a in accs[sl]],
            # LaSeR's scorer leaves 0.0 for solutions without a \boxed answer
            "self_rewarding_scores": [float(s) if p is not None else 0.0 for s, p in zip(scores[sl], pred)],
            "policy_model_logprobs": [float(x) for x in policy_lps[sl]],
            "model": model_name,
        }
        if ref_lps is not None:
            rec["ref_model_logprobs"] = [float(x) for x in ref_lps[sl]]
        records.append(rec)
    return records


def validation_metrics(records: Sequence[Dict[str, Any]], n: int, response_lengths: Sequence[int],
                       finished: Sequence[bool]) -> Dict[str, float]:
    by_source: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    for rec in records:
        by_source[rec["data_source"]].append(rec)
    metrics: Dict[str, float] = {}
    for source, recs in sorted(by_source.items()):
        accs = [float(a) for r in recs for a in r["acc_list"]]
        metrics[f"val-core/{source}/reward/mean@{n}"] = sum(accs) / len(accs) if accs else 0.0
        summary = self_verification_summary(recs)
        for key in ("laser_f1", "f1", "accuracy", "acc_correct", "acc_incorrect", "auroc", "num_solutions", "score_mean"):
            if key in summary:
                metrics[f"val-aux/{source}/self_reward/{key}"] = summary[key]
    if response_lengths:
        metrics["val-aux/response_length/mean"] = sum(response_lengths) / len(response_lengths)
        metrics["val-aux/response_length/clip_ratio"] = 1.0 - sum(1 for f in finished if f) / len(finished)
    return metrics


def write_jsonl(path: Path, records: Sequence[Dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
