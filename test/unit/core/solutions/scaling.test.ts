import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSolutionsText } from '../../../../src/core/solutions/parseSolutions';
import { choose, passAtK, scalingCurves, seededRandom, SubsetVoter } from '../../../../src/core/solutions/scaling';
import { answerCorrectness, bestOfN, majorityVote, selfRewardVote } from '../../../../src/core/solutions/voting';
import { assertClose, fixtureText, problem } from './solutionFixtures';

test('pass@k is the unbiased estimator 1 − C(n−c, k)/C(n, k)', () => {
  assertClose(passAtK(4, 2, 1), 0.5);
  assertClose(passAtK(4, 2, 2), 5 / 6);
  assertClose(passAtK(4, 2, 3), 1);
  assertClose(passAtK(8, 0, 8), 0);
  assertClose(passAtK(8, 8, 1), 1);
  assertClose(passAtK(32, 3, 5), 1 - choose(29, 5) / choose(32, 5));
  assert.equal(choose(32, 16), 601080390);
});

test('the tiny file: k = 1 … 4, subsets enumerated exactly (N = 1 and N = 2 problems use all their responses)', () => {
  const curves = scalingCurves(parseSolutionsText(fixtureText('tiny-laser.jsonl')).problems);
  assert.deepEqual(curves.k, [1, 2, 3, 4]);
  // k = 1: problem A is right with 2 of its 4 responses, B never, C always.
  assertClose(curves.majority[0], 0.5);
  assertClose(curves.sr_weighted[0], 0.5);
  assertClose(curves.best_of_n[0], 0.5);
  assertClose(curves.pass_at_k[0], 0.5);
  // k = 2: of A's 6 pairs, {r1, r2} (tie broken by score towards the wrong 41) and {r2, r3} are wrong for all methods.
  assertClose(curves.majority[1], (4 / 6 + 0 + 1) / 3);
  assertClose(curves.sr_weighted[1], (4 / 6 + 0 + 1) / 3);
  assertClose(curves.best_of_n[1], (4 / 6 + 0 + 1) / 3);
  assertClose(curves.pass_at_k[1], (5 / 6 + 0 + 1) / 3);
  // k = N: every response.
  for (const key of ['majority', 'sr_weighted', 'best_of_n', 'pass_at_k'] as const) assertClose(curves[key][3], 2 / 3, key);
});

test('k = 1 equals mean accuracy and pass@1; k = N is the vote over all responses', () => {
  const problems = parseSolutionsText(fixtureText('laser-eval.jsonl')).problems;
  // With 8 responses every C(8, k) ≤ 100: the default enumerates all subsets; 10 subsets per k forces sampling.
  assert.deepEqual(scalingCurves(problems, { seed: 1 }), scalingCurves(problems, { seed: 2 }));
  const curves = scalingCurves(problems, { seed: 7, subsets: 10 });
  assert.equal(curves.k.length, 8);
  const meanAccuracy = problems.reduce((s, p) => s + p.responses.filter((r) => r.correct).length / 8, 0) / problems.length;
  assertClose(curves.pass_at_k[0], meanAccuracy);
  assertClose(curves.best_of_n[0], meanAccuracy);
  assertClose(curves.pass_at_k[7], problems.filter((p) => p.responses.some((r) => r.correct)).length / problems.length);
  // Same seed, same curves; the sampled middle depends on the seed, the exact ends do not.
  assert.deepEqual(scalingCurves(problems, { seed: 7, subsets: 10 }), curves);
  const other = scalingCurves(problems, { seed: 8, subsets: 10 });
  assert.notDeepEqual(other.majority.slice(1, 7), curves.majority.slice(1, 7));
  assert.equal(other.majority[0], curves.majority[0]);
  assert.equal(other.majority[7], curves.majority[7]);
});

test('unscored files have null self-reward curves; all-null answers never count as solved by a vote', () => {
  const curves = scalingCurves([
    problem(0, [
      [null, true, null],
      [null, true, null],
    ]),
    problem(1, [['3', true, null]]),
  ]);
  assert.deepEqual(curves, { k: [1, 2], majority: [0.5, 0.5], sr_weighted: [null, null], best_of_n: [null, null], pass_at_k: [1, 1] });
  assert.deepEqual(scalingCurves([]), { k: [], majority: [], sr_weighted: [], best_of_n: [], pass_at_k: [] });
});

test('all-correct and all-wrong problems are solved at every k, or never', () => {
  const curves = scalingCurves([
    problem(0, [
      ['1', true, 0.9],
      ['1', true, 0.1],
      ['1', true, 0.6],
    ]),
    problem(1, [
      ['2', false, 0.9],
      ['3', false, 0.1],
      [null, false, 0],
    ]),
  ]);
  for (const key of ['majority', 'sr_weighted', 'best_of_n', 'pass_at_k'] as const) assert.deepEqual(curves[key], [0.5, 0.5, 0.5], key);
});

/** Every k-subset of 0…n−1, in increasing order. */
function allSubsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  return [...allSubsets(n - 1, k), ...allSubsets(n - 1, k - 1).map((s) => [...s, n - 1])];
}

test('the scaling curves select exactly what voting.ts selects, on random problems full of ties and null answers', () => {
  const next = seededRandom(99);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const problems = Array.from({ length: 60 }, (_, line) => {
    const n = 1 + Math.floor(next() * 8);
    const scored = next() < 0.8;
    return problem(
      line,
      Array.from({ length: n }, () => [pick(['1', '2', '10', null]), next() < 0.5, scored && next() < 0.9 ? pick([0, 0.25, 0.5, 0.75, 1]) : null] as [string | null, boolean, number | null]),
    );
  });
  const curves = scalingCurves(problems);
  const maxN = Math.max(...problems.map((p) => p.responses.length));
  for (let k = 1; k <= maxN; k++) {
    let majority = 0;
    let weighted = 0;
    let best = 0;
    for (const p of problems) {
      const verdicts = answerCorrectness(p.responses);
      const subsets = allSubsets(p.responses.length, Math.min(k, p.responses.length));
      const share = (solved: (s: number[]) => boolean) => subsets.filter(solved).length / subsets.length;
      majority += share((s) => verdicts.get(majorityVote(p.responses, s)?.answer ?? '') === true);
      weighted += share((s) => verdicts.get(selfRewardVote(p.responses, s)?.answer ?? '') === true);
      best += share((s) => bestOfN(p.responses, s)?.correct === true);
    }
    assertClose(curves.majority[k - 1], majority / problems.length, `majority k=${k}`);
    assertClose(curves.sr_weighted[k - 1], weighted / problems.length, `sr_weighted k=${k}`);
    assertClose(curves.best_of_n[k - 1], best / problems.length, `best_of_n k=${k}`);
  }
});

test('adding responses one by one keeps the same winners as voting.ts on every prefix, negative scores included', () => {
  const next = seededRandom(5);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  for (let round = 0; round < 200; round++) {
    const n = 1 + Math.floor(next() * 12);
    const p = problem(
      round,
      Array.from({ length: n }, () => [pick(['a', 'b', 'c', null]), next() < 0.5, next() < 0.85 ? pick([-0.5, -0.25, 0, 0.25, 0.5]) : null] as [string | null, boolean, number | null]),
    );
    const verdicts = answerCorrectness(p.responses);
    const order = Array.from({ length: n }, (_, i) => i).sort(() => next() - 0.5);
    const voter = new SubsetVoter(p);
    voter.reset();
    order.forEach((i, at) => {
      voter.add(i);
      const prefix = order.slice(0, at + 1);
      const where = `round ${round}, prefix ${prefix.join(',')}`;
      assert.equal(voter.majorityRight, verdicts.get(majorityVote(p.responses, prefix)?.answer ?? '') === true, `majority ${where}`);
      assert.equal(voter.weightedRight, verdicts.get(selfRewardVote(p.responses, prefix)?.answer ?? '') === true, `weighted ${where}`);
      assert.equal(voter.bestRight, bestOfN(p.responses, prefix)?.correct === true, `best ${where}`);
    });
  }
});

test('sampled sizes: with 10 subsets per k, k = 2…6 of 8 are sampled (means of tenths); k = 1, 7, 8 stay exact', () => {
  const problems = parseSolutionsText(fixtureText('laser-eval.jsonl')).problems;
  const exact = scalingCurves(problems);
  const sampled = scalingCurves(problems, { subsets: 10, seed: 3 });
  for (const key of ['majority', 'sr_weighted', 'best_of_n'] as const) {
    assertClose(sampled[key][0], exact[key][0]!, key);
    assertClose(sampled[key][6], exact[key][6]!, key);
    assertClose(sampled[key][7], exact[key][7]!, key);
    for (const value of sampled[key].slice(1, 6)) assertClose(Math.round(value! * 200) / 200, value!, `${key} is a mean of tenths`);
  }
});

test('sampled subsets are uniform: 20 000 draws land within 0.02 of the exact enumeration at every k', () => {
  const next = seededRandom(11);
  const problems = Array.from({ length: 3 }, (_, line) =>
    problem(
      line,
      Array.from({ length: 20 }, (_, i) => {
        const right = i < 6 + 4 * line;
        return [right ? 'x' : next() < 0.5 ? 'y' : 'z', right, Math.round((right ? 0.3 + 0.7 * next() : 0.8 * next()) * 100) / 100] as [string, boolean, number];
      }),
    ),
  );
  const exact = scalingCurves(problems, { subsets: 1_000_000 });
  const sampled = scalingCurves(problems, { subsets: 20_000, seed: 4 });
  for (const key of ['majority', 'sr_weighted', 'best_of_n'] as const) {
    exact[key].forEach((value, i) => assert.ok(Math.abs(sampled[key][i]! - value!) < 0.02, `${key} k=${i + 1}: ${sampled[key][i]} vs exact ${value}`));
  }
});
