import type { ScoredVerdict } from './selfVerification';

export interface ScoreHistogram {
  /** bins + 1 bin edges, increasing; bin i is [edges[i], edges[i + 1]), the last bin also holds its upper edge. */
  readonly edges: number[];
  readonly correct: number[];
  readonly incorrect: number[];
}

export const DEFAULT_BINS = 20;

/** The score range shown: [0, 1] widened to every score seen. */
export function scoreRange(items: readonly ScoredVerdict[]): { lo: number; hi: number } {
  let lo = 0;
  let hi = 1;
  for (const { score } of items) {
    if (score < lo) lo = score;
    if (score > hi) hi = score;
  }
  return { lo, hi };
}

/** Counts of correct and of wrong responses per score bin, over scoreRange. */
export function scoreHistogram(items: readonly ScoredVerdict[], bins = DEFAULT_BINS): ScoreHistogram {
  const { lo, hi } = scoreRange(items);
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const correct = new Array<number>(bins).fill(0);
  const incorrect = new Array<number>(bins).fill(0);
  for (const { score, correct: ok } of items) {
    const bin = Math.min(bins - 1, Math.floor((score - lo) / width));
    (ok ? correct : incorrect)[bin]!++;
  }
  return { edges, correct, incorrect };
}
