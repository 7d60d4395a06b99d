import type { SolutionProblem } from './types';
import { answerCorrectness } from './voting';

/**
 * Test-time scaling curves for k = 1 … N (N: the most responses any problem has; a problem with fewer than k
 * responses uses all of its own). Each value is the fraction of problems solved, averaged over problems; problems
 * without responses are left out.
 *
 * - majority / sr_weighted / best_of_n: for each problem and k, the mean over subsets of k of its responses of
 *   "the selected answer is correct" (voting.ts rules; no selection counts as wrong). When C(n, k) ≤ `subsets`
 *   (default 100) every subset is enumerated, so k = 1 and k = n are exact; otherwise `subsets` random subsets are
 *   drawn as the first k entries of `subsets` uniformly random permutations (Fisher–Yates, PRNG seeded with `seed`,
 *   default 0) — one permutation serves every sampled k, so the subsets of one draw are nested; the three methods
 *   see the same subsets.
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

function* combinations(n: number, k: number): Generator<Int32Array> {
  const idx = Int32Array.from({ length: k }, (_, i) => i);
  for (;;) {
    yield idx;
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

/**
 * One problem prepared for many subset votes: answers numbered in string order (so the smaller number is the
 * lexicographically smaller answer), typed arrays for the tallies. Selects exactly what voting.ts selects.
 */
export class SubsetVoter {
  private readonly answerOf: Int32Array;
  private readonly scoreOf: Float64Array;
  private readonly scored: Uint8Array;
  private readonly right: Uint8Array;
  private readonly answerRight: Uint8Array;
  private readonly counts: Float64Array;
  private readonly weights: Float64Array;
  private readonly touched: Int32Array;
  private distinct = 0;
  private majority = -1;
  private weighted = -1;
  private anyScored = false;
  private best = -1;

  constructor(p: SolutionProblem) {
    const n = p.responses.length;
    const verdicts = answerCorrectness(p.responses);
    const answers = [...verdicts.keys()].sort();
    const ids = new Map(answers.map((a, i) => [a, i]));
    this.answerOf = new Int32Array(n);
    this.scoreOf = new Float64Array(n);
    this.scored = new Uint8Array(n);
    this.right = new Uint8Array(n);
    p.responses.forEach((r, i) => {
      this.answerOf[i] = r.pred === null ? -1 : ids.get(r.pred)!;
      this.scoreOf[i] = r.score ?? 0;
      this.scored[i] = r.score === null ? 0 : 1;
      this.right[i] = r.correct === true ? 1 : 0;
    });
    this.answerRight = Uint8Array.from(answers, (a) => (verdicts.get(a) === true ? 1 : 0));
    this.counts = new Float64Array(answers.length);
    this.weights = new Float64Array(answers.length);
    this.touched = new Int32Array(answers.length);
  }

  /** Majority order: more responses, then higher summed score, then the smaller answer. */
  private beatsByCount(a: number, b: number): boolean {
    const { counts, weights } = this;
    return counts[a]! > counts[b]! || (counts[a] === counts[b] && (weights[a]! > weights[b]! || (weights[a] === weights[b] && a < b)));
  }

  /** Self-reward order: higher summed score, then more responses, then the smaller answer. */
  private beatsByWeight(a: number, b: number): boolean {
    const { counts, weights } = this;
    return weights[a]! > weights[b]! || (weights[a] === weights[b] && (counts[a]! > counts[b]! || (counts[a] === counts[b] && a < b)));
  }

  reset(): void {
    for (let t = 0; t < this.distinct; t++) {
      const a = this.touched[t]!;
      this.counts[a] = 0;
      this.weights[a] = 0;
    }
    this.distinct = 0;
    this.majority = -1;
    this.weighted = -1;
    this.anyScored = false;
    this.best = -1;
  }

  /**
   * Adds response i to the current subset. Only the added answer's tally changes, so it is compared with the
   * current leaders alone; a leader whose summed score went down (a negative score) is looked for again.
   */
  add(i: number): void {
    const a = this.answerOf[i]!;
    const isScored = this.scored[i] === 1;
    if (a >= 0) {
      if (this.counts[a] === 0) this.touched[this.distinct++] = a;
      this.counts[a]!++;
      if (isScored) {
        this.weights[a]! += this.scoreOf[i]!;
        this.anyScored = true;
      }
      if (this.majority === -1 || (a !== this.majority && this.beatsByCount(a, this.majority))) this.majority = a;
      if (this.weighted === -1) this.weighted = a;
      else if (a !== this.weighted) {
        if (this.beatsByWeight(a, this.weighted)) this.weighted = a;
      } else if (isScored && this.scoreOf[i]! < 0) {
        for (let t = 0; t < this.distinct; t++) if (this.beatsByWeight(this.touched[t]!, this.weighted)) this.weighted = this.touched[t]!;
      }
    }
    if (isScored) {
      const best = this.best;
      if (best === -1) this.best = i;
      else {
        const answered = a >= 0;
        const bestAnswered = this.answerOf[best]! >= 0;
        const s = this.scoreOf[i]!;
        const t = this.scoreOf[best]!;
        if ((answered && !bestAnswered) || (answered === bestAnswered && (s > t || (s === t && i < best)))) this.best = i;
      }
    }
  }

  /** Whether the majority answer, the self-reward vote and the best-of-N response of the current subset are right. */
  get majorityRight(): boolean {
    return this.majority >= 0 && this.answerRight[this.majority] === 1;
  }

  get weightedRight(): boolean {
    return this.anyScored && this.weighted >= 0 && this.answerRight[this.weighted] === 1;
  }

  get bestRight(): boolean {
    return this.best >= 0 && this.right[this.best] === 1;
  }
}

export function scalingCurves(problems: readonly SolutionProblem[], options: ScalingOptions = {}): ScalingCurves {
  const subsets = options.subsets ?? DEFAULT_SUBSETS;
  const random = seededRandom(options.seed ?? 0);
  const used = problems.filter((p) => p.responses.length > 0);
  const maxN = used.reduce((m, p) => Math.max(m, p.responses.length), 0);
  const anyScore = used.some((p) => p.responses.some((r) => r.score !== null));
  const sums = { majority: new Float64Array(maxN + 1), weighted: new Float64Array(maxN + 1), best: new Float64Array(maxN + 1), pass: new Float64Array(maxN + 1) };
  for (const p of used) {
    const n = p.responses.length;
    const voter = new SubsetVoter(p);
    const correct = p.responses.reduce((c, r) => c + (r.correct === true ? 1 : 0), 0);
    // Per subset size: how many subsets solved it, and out of how many.
    const solved = { majority: new Float64Array(n + 1), weighted: new Float64Array(n + 1), best: new Float64Array(n + 1) };
    const tried = new Float64Array(n + 1);
    const record = (size: number) => {
      if (voter.majorityRight) solved.majority[size]!++;
      if (voter.weightedRight) solved.weighted[size]!++;
      if (voter.bestRight) solved.best[size]!++;
      tried[size]!++;
    };
    const sampled = new Uint8Array(n + 1);
    let longest = 0;
    for (let size = 1; size <= n; size++) {
      if (choose(n, size) <= subsets) {
        for (const indices of combinations(n, size)) {
          voter.reset();
          for (let j = 0; j < size; j++) voter.add(indices[j]!);
          record(size);
        }
      } else {
        sampled[size] = 1;
        longest = size;
      }
    }
    if (longest > 0) {
      // The first k entries of a uniformly random permutation are a uniformly random k-subset: one shuffle serves
      // every sampled size.
      const perm = Int32Array.from({ length: n }, (_, i) => i);
      for (let s = 0; s < subsets; s++) {
        voter.reset();
        for (let i = 0; i < longest; i++) {
          const j = i + Math.floor(random() * (n - i));
          const t = perm[j]!;
          perm[j] = perm[i]!;
          perm[i] = t;
          voter.add(t);
          if (sampled[i + 1]) record(i + 1);
        }
      }
    }
    for (let k = 1; k <= maxN; k++) {
      const size = Math.min(k, n);
      sums.majority[k]! += solved.majority[size]! / tried[size]!;
      sums.weighted[k]! += solved.weighted[size]! / tried[size]!;
      sums.best[k]! += solved.best[size]! / tried[size]!;
      sums.pass[k]! += passAtK(n, correct, size);
    }
  }
  const curves: ScalingCurves = { k: [], majority: [], sr_weighted: [], best_of_n: [], pass_at_k: [] };
  for (let k = 1; k <= maxN; k++) {
    curves.k.push(k);
    curves.majority.push(sums.majority[k]! / used.length);
    curves.sr_weighted.push(anyScore ? sums.weighted[k]! / used.length : null);
    curves.best_of_n.push(anyScore ? sums.best[k]! / used.length : null);
    curves.pass_at_k.push(sums.pass[k]! / used.length);
  }
  return curves;
}
