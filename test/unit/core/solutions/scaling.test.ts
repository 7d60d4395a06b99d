import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSolutionsText } from '../../../../src/core/solutions/parseSolutions';
import { choose, passAtK, scalingCurves } from '../../../../src/core/solutions/scaling';
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
