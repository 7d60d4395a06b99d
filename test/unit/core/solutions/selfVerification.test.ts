import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSolutionsText } from '../../../../src/core/solutions/parseSolutions';
import { rocAuc, selfVerification, verify } from '../../../../src/core/solutions/selfVerification';
import { assertClose, fixtureText, problem } from './solutionFixtures';

test('the tiny file: every metric for all and filtered responses, a score exactly at the threshold predicts wrong', () => {
  const { problems } = parseSolutionsText(fixtureText('tiny-laser.jsonl'));
  const { all, filtered } = selfVerification(problems, 0.5);
  assert.deepEqual(all.confusion, { tp: 2, fn: 1, fp: 2, tn: 2 });
  const a = all.metrics;
  assertClose(a.acc_correct, 2 / 3);
  assertClose(a.acc_incorrect, 1 / 2);
  assertClose(a.accuracy, 4 / 7);
  assertClose(a.f1_laser, 4 / 7);
  assertClose(a.precision, 1 / 2);
  assertClose(a.recall, 2 / 3);
  assertClose(a.f1, 4 / 7);
  assertClose(a.auc, 10 / 12);
  // Filtered drops the response without an answer (a wrong one scored 0.0).
  assert.deepEqual(filtered.confusion, { tp: 2, fn: 1, fp: 2, tn: 1 });
  const f = filtered.metrics;
  assertClose(f.acc_correct, 2 / 3);
  assertClose(f.acc_incorrect, 1 / 3);
  assertClose(f.accuracy, 1 / 2);
  assertClose(f.f1_laser, 4 / 9);
  assertClose(f.precision, 1 / 2);
  assertClose(f.recall, 2 / 3);
  assertClose(f.f1, 4 / 7);
  assertClose(f.auc, 7 / 9);
  // At 0.4 the response scored exactly 0.5 is predicted correct.
  assert.deepEqual(selfVerification(problems, 0.4).all.confusion, { tp: 3, fn: 0, fp: 2, tn: 2 });
});

test('AUC counts tied scores between a correct and a wrong response as one half', () => {
  assertClose(rocAuc([
    { score: 0.5, correct: true },
    { score: 0.5, correct: true },
    { score: 0.5, correct: false },
    { score: 0.1, correct: false },
  ]), 3 / 4);
  assertClose(rocAuc([{ score: 0.3, correct: true }, { score: 0.3, correct: false }]), 0.5);
  assertClose(rocAuc([{ score: 0.1, correct: true }, { score: 0.9, correct: false }]), 0);
});

test('all correct / all wrong: the missing side is 0 as in LaSeR, f1_laser 0, AUC null', () => {
  const allCorrect = verify([{ score: 0.9, correct: true }, { score: 0.2, correct: true }], 0.5);
  assert.deepEqual(allCorrect.metrics, { acc_correct: 0.5, acc_incorrect: 0, accuracy: 0.5, f1_laser: 0, precision: 1, recall: 0.5, f1: 2 / 3, auc: null });
  const allWrong = verify([{ score: 0.9, correct: false }, { score: 0.2, correct: false }], 0.5);
  assert.deepEqual(allWrong.metrics, { acc_correct: 0, acc_incorrect: 0.5, accuracy: 0.5, f1_laser: 0, precision: 0, recall: 0, f1: 0, auc: null });
  const empty = verify([], 0.5);
  assert.deepEqual(empty.metrics, { acc_correct: 0, acc_incorrect: 0, accuracy: 0, f1_laser: 0, precision: 0, recall: 0, f1: 0, auc: null });
});

test('responses without a score or a verdict are left out of both sets', () => {
  const p = problem(0, [
    ['1', true, null],
    ['1', null, 0.9],
    ['2', false, 0.7],
    [null, true, 0.8],
  ]);
  const { all, filtered } = selfVerification([p], 0.5);
  assert.deepEqual(all.confusion, { tp: 1, fn: 0, fp: 1, tn: 0 });
  assert.deepEqual(filtered.confusion, { tp: 0, fn: 0, fp: 1, tn: 0 });
});
