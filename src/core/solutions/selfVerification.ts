import type { SolutionProblem } from './types';

/**
 * Self-verification: the self-reward predicts a response correct ⇔ score > threshold; the verifier's verdict is the
 * truth. Definitions follow LaSeR's `calculate_self_rewarding_scores.py`: a ratio with a zero denominator is 0 (so is
 * f1_laser when acc_correct + acc_incorrect = 0). "all" counts every response; "filtered" leaves out responses whose
 * predicted answer is null. Responses without a score or without a verdict cannot be compared and are left out of
 * both. auc is null when the responses are all correct or all wrong.
 */
export interface Confusion {
  /** correct, predicted correct */
  readonly tp: number;
  /** correct, predicted wrong */
  readonly fn: number;
  /** wrong, predicted correct */
  readonly fp: number;
  /** wrong, predicted wrong */
  readonly tn: number;
}

export interface VerificationMetrics {
  /** Accuracy on correct responses: tp / (tp + fn). */
  readonly acc_correct: number;
  /** Accuracy on wrong responses: tn / (tn + fp). */
  readonly acc_incorrect: number;
  readonly accuracy: number;
  /** Harmonic mean of acc_correct and acc_incorrect (the F1 LaSeR reports). */
  readonly f1_laser: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** ROC AUC of the score as a predictor of correctness; tied scores count one half. */
  readonly auc: number | null;
}

export interface VerificationResult {
  readonly metrics: VerificationMetrics;
  readonly confusion: Confusion;
}

export interface ScoredVerdict {
  readonly score: number;
  readonly correct: boolean;
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

function harmonic(a: number, b: number): number {
  return a + b > 0 ? (2 * a * b) / (a + b) : 0;
}

/** Mann–Whitney form of ROC AUC: average ranks over ties, so a tie between a correct and a wrong response adds ½. */
export function rocAuc(items: readonly ScoredVerdict[]): number | null {
  const positives = items.reduce((n, x) => n + (x.correct ? 1 : 0), 0);
  const negatives = items.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k]!.correct) rankSum += rank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function confusionAt(items: readonly ScoredVerdict[], threshold: number): Confusion {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  for (const { score, correct } of items) {
    const predicted = score > threshold;
    if (correct && predicted) tp++;
    else if (correct) fn++;
    else if (predicted) fp++;
    else tn++;
  }
  return { tp, fn, fp, tn };
}

/** Every metric but AUC, from a confusion matrix. */
export function metricsOf(c: Confusion): Omit<VerificationMetrics, 'auc'> {
  const accCorrect = ratio(c.tp, c.tp + c.fn);
  const accIncorrect = ratio(c.tn, c.tn + c.fp);
  const precision = ratio(c.tp, c.tp + c.fp);
  return {
    acc_correct: accCorrect,
    acc_incorrect: accIncorrect,
    accuracy: ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn),
    f1_laser: harmonic(accCorrect, accIncorrect),
    precision,
    recall: accCorrect,
    f1: harmonic(precision, accCorrect),
  };
}

export function verify(items: readonly ScoredVerdict[], threshold: number): VerificationResult {
  const confusion = confusionAt(items, threshold);
  return { metrics: { ...metricsOf(confusion), auc: rocAuc(items) }, confusion };
}

/** The comparable responses of `problems`: all of them, and those with a predicted answer. */
export function scoredVerdicts(problems: readonly SolutionProblem[]): { all: ScoredVerdict[]; filtered: ScoredVerdict[] } {
  const all: ScoredVerdict[] = [];
  const filtered: ScoredVerdict[] = [];
  for (const p of problems) {
    for (const r of p.responses) {
      if (r.score === null || r.correct === null) continue;
      const item = { score: r.score, correct: r.correct };
      all.push(item);
      if (r.pred !== null) filtered.push(item);
    }
  }
  return { all, filtered };
}

export function selfVerification(problems: readonly SolutionProblem[], threshold: number): { all: VerificationResult; filtered: VerificationResult } {
  const { all, filtered } = scoredVerdicts(problems);
  return { all: verify(all, threshold), filtered: verify(filtered, threshold) };
}
