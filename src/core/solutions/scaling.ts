import type { SolutionProblem } from './types';
import { answerCorrectness, bestOfN, majorityVote, selfRewardVote } from './voting';

/**
 * Test-time scaling curves for k = 1 … N (N: the most responses any problem has; a problem with fewer than k
 * responses uses all of its own). Each value is the fraction of problems solved, averaged over problems; problems
 * without responses are left out.
 *
 * - majority / sr_weighted / best_of_n: for each problem and k, the mean over subsets of k of its responses of
 *   "the selected answer is correct" (voting.ts rules; no selection counts as wrong). When C(n, k) ≤ `subsets`
 *   (default 100) every subset is enumerated, so k = 1 and k = n are exact; otherwise `subsets` subsets are drawn
 *   uniformly without replacement within a subset (partial Fisher–Yates) from a PRNG seeded with `seed` (default 0);
 *   the three methods see the same subsets.
 * - pass_at_k: the unbiased estimator 1 − C(n − c, k) / C(n, k) per problem (c: responses judged correct), exact
 *   and not sampled.
 *
 * sr_weighted and best_of_n are null at every k when no response in the file has a score.
 */
export interface ScalingCurves {
  readonly k: number[];
  readonly majority: number[];
  readonly sr_weighted: (number | null)[];
  readonly best_of_n: (number | null)[];
  readonly pass_at_k: number[];
}

export interface ScalingOptions {
  readonly seed?: number;
  readonly subsets?: number;
}

export const DEFAULT_SUBSETS = 100;

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** C(n, k) as a float (exact for the sizes met here). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) result = (result * (n - Math.min(k, n - k) + i)) / i;
  return Math.round(result);
}

/** Unbiased pass@k from n samples of which c are correct: 1 − C(n − c, k) / C(n, k). */
export function passAtK(n: number, c: number, k: number): number {
  if (n - c < k) return 1;
  let missAll = 1;
  for (let i = 0; i < k; i++) missAll *= (n - c - i) / (n - i);
  return 1 - missAll;
}

function* combinations(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    yield idx;
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

export function scalingCurves(problems: readonly SolutionProblem[], options: ScalingOptions = {}): ScalingCurves {
  const subsets = options.subsets ?? DEFAULT_SUBSETS;
  const random = seededRandom(options.seed ?? 0);
  const used = problems.filter((p) => p.responses.length > 0);
  const maxN = used.reduce((m, p) => Math.max(m, p.responses.length), 0);
  const anyScore = used.some((p) => p.responses.some((r) => r.score !== null));
  const verdicts = used.map((p) => answerCorrectness(p.responses));
  const permutations = used.map((p) => Array.from({ length: p.responses.length }, (_, i) => i));
  const curves: ScalingCurves = { k: [], majority: [], sr_weighted: [], best_of_n: [], pass_at_k: [] };
  for (let k = 1; k <= maxN; k++) {
    let majority = 0;
    let weighted = 0;
    let best = 0;
    let pass = 0;
    used.forEach((p, at) => {
      const n = p.responses.length;
      const size = Math.min(k, n);
      const verdict = verdicts[at]!;
      let m = 0;
      let w = 0;
      let b = 0;
      let count = 0;
      const score = (indices: readonly number[]) => {
        const maj = majorityVote(p.responses, indices);
        if (maj && verdict.get(maj.answer) === true) m++;
        if (anyScore) {
          const sr = selfRewardVote(p.responses, indices);
          if (sr && verdict.get(sr.answer) === true) w++;
          if (bestOfN(p.responses, indices)?.correct === true) b++;
        }
        count++;
      };
      if (choose(n, size) <= subsets) {
        for (const indices of combinations(n, size)) score(indices);
      } else {
        const perm = permutations[at]!;
        for (let s = 0; s < subsets; s++) {
          for (let i = 0; i < size; i++) {
            const j = i + Math.floor(random() * (n - i));
            const t = perm[i]!;
            perm[i] = perm[j]!;
            perm[j] = t;
          }
          score(perm.slice(0, size));
        }
      }
      majority += m / count;
      weighted += w / count;
      best += b / count;
      pass += passAtK(n, p.responses.reduce((c, r) => c + (r.correct === true ? 1 : 0), 0), size);
    });
    const problemsUsed = used.length;
    curves.k.push(k);
    curves.majority.push(majority / problemsUsed);
    curves.sr_weighted.push(anyScore ? weighted / problemsUsed : null);
    curves.best_of_n.push(anyScore ? best / problemsUsed : null);
    curves.pass_at_k.push(pass / problemsUsed);
  }
  return curves;
}
