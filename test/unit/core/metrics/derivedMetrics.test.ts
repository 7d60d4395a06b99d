import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LASER_COUNTERS, deriveLaserMetrics } from '../../../../src/core/metrics/derivedLaser';
import { derivedMetrics, withDerivedMetrics } from '../../../../src/core/metrics/derivedMetrics';
import { parseValidationKey, validationAccuracy, validationMetrics } from '../../../../src/core/metrics/validationAccuracy';

const counters = (n: number, c: number, p: number, nn: number, tp: number, tn: number) =>
  new Map([
    [LASER_COUNTERS.total, n],
    [LASER_COUNTERS.agreed, c],
    [LASER_COUNTERS.positives, p],
    [LASER_COUNTERS.negatives, nn],
    [LASER_COUNTERS.truePositives, tp],
    [LASER_COUNTERS.trueNegatives, tn],
  ]);

const close = (actual: number | undefined, expected: number, name: string) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${name}: ${actual} ≠ ${expected}`);

test('the six counters keep the LaSeR fork\'s key names', () => {
  assert.deepEqual(Object.values(LASER_COUNTERS), [
    'actor/internal_reward_total_valid_solutions',
    'actor/internal_reward_valid_solutions_total_correct',
    'actor/internal_reward_total_valid_correct_solutions',
    'actor/internal_reward_total_valid_incorrect_solutions',
    'actor/internal_reward_valid_correct_solutions_total_correct',
    'actor/internal_reward_valid_incorrect_solutions_total_correct',
  ]);
});

test('self-verification metrics, by hand: N=100, P=60, Nn=40, TP=45, TN=30, C=75', () => {
  // FP = 40 − 30 = 10, FN = 60 − 45 = 15.
  const d = deriveLaserMetrics(counters(100, 75, 60, 40, 45, 30));
  close(d.get('laser/self_verification_accuracy'), 0.75, 'C/N');
  close(d.get('laser/accuracy_on_correct'), 0.75, 'TP/P');
  close(d.get('laser/accuracy_on_incorrect'), 0.75, 'TN/Nn');
  close(d.get('laser/f1'), 0.75, 'harmonic mean of 0.75 and 0.75');
  close(d.get('laser/precision'), 45 / 55, 'TP/(TP+FP)');
  close(d.get('laser/recall'), 0.75, 'TP/P');
  close(d.get('laser/standard_f1'), 90 / 115, '2TP/(2TP+FP+FN)');
});

test('LaSeR F1 is the harmonic mean of the two class accuracies, not the standard F1', () => {
  // TP/P = 0.9, TN/Nn = 0.3 → 2·0.27/1.2 = 0.45; FP = 14, FN = 5 → 2·45/(90+14+5) = 90/109.
  const d = deriveLaserMetrics(counters(70, 51, 50, 20, 45, 6));
  close(d.get('laser/f1'), 0.45, 'LaSeR F1');
  close(d.get('laser/standard_f1'), 90 / 109, 'standard F1');
  close(d.get('laser/precision'), 45 / 59, 'precision');
  close(d.get('laser/self_verification_accuracy'), 51 / 70, 'C/N');
});

test('ratios with nothing to count are left out, not NaN', () => {
  // Every finished response was correct: no incorrect ones to judge.
  const d = deriveLaserMetrics(counters(8, 6, 8, 0, 6, 0));
  assert.equal(d.get('laser/accuracy_on_incorrect'), undefined);
  assert.equal(d.get('laser/f1'), undefined);
  close(d.get('laser/accuracy_on_correct'), 0.75, 'TP/P');
  close(d.get('laser/precision'), 1, 'precision');
  assert.deepEqual(deriveLaserMetrics(counters(0, 0, 0, 0, 0, 0)), new Map());
  assert.deepEqual(deriveLaserMetrics(new Map([['actor/pg_loss', 1]])), new Map());
  for (const value of deriveLaserMetrics(counters(8, 6, 8, 0, 6, 0)).values()) assert.ok(Number.isFinite(value));
});

test('every prediction wrong: the F1s are 0', () => {
  const d = deriveLaserMetrics(counters(10, 0, 4, 6, 0, 0));
  assert.equal(d.get('laser/f1'), 0);
  assert.equal(d.get('laser/standard_f1'), 0);
  assert.equal(d.get('laser/precision'), 0);
});

test('validation keys are read from the right, data sources keeping their slashes', () => {
  assert.deepEqual(parseValidationKey('val-core/openai/gsm8k/reward/mean@1'), { section: 'val-core', dataSource: 'openai/gsm8k', variable: 'reward', stat: 'mean', n: 1 });
  assert.deepEqual(parseValidationKey('val-aux/lighteval/MATH/acc/std@16'), { section: 'val-aux', dataSource: 'lighteval/MATH', variable: 'acc', stat: 'std', n: 16 });
  assert.deepEqual(parseValidationKey('val-core/aime24/acc/best@4/mean'), { section: 'val-core', dataSource: 'aime24', variable: 'acc', stat: 'best/mean', n: 4 });
  assert.deepEqual(parseValidationKey('val/test_score/openai/gsm8k'), { section: 'val', dataSource: 'openai/gsm8k', variable: 'test_score', stat: 'mean', n: 1 });
  for (const other of ['val-aux/num_turns/mean', 'val-core/reward/mean@1', 'actor/pg_loss', 'val/test_score/', 'val-core/x/acc/mean']) assert.equal(parseValidationKey(other), undefined, other);
});

test('the headline validation accuracy: mean over data sources of acc (else reward) mean@n, or test_score', () => {
  const values = new Map([
    ['val-core/openai/gsm8k/reward/mean@1', 0.5],
    ['val-core/openai/gsm8k/acc/mean@1', 0.6],
    ['val-aux/openai/gsm8k/acc/std@1', 0.1],
    ['val-core/aime24/reward/mean@4', 0.2],
    ['val-core/aime24/reward/best@4/mean', 0.9],
    ['val/test_score/amc23', 0.4],
    ['actor/pg_loss', 7],
  ]);
  assert.equal(validationMetrics(values).length, 6);
  close(validationAccuracy(validationMetrics(values)), (0.6 + 0.2 + 0.4) / 3, 'val accuracy');
  assert.equal(validationAccuracy([]), undefined);
});

test('derived metrics join a record without touching the original', () => {
  const record = { step: 3, values: new Map([...counters(4, 3, 2, 2, 1, 2), ['val-core/x/acc/mean@1', 0.5]]) };
  const derived = withDerivedMetrics(record);
  assert.equal(record.values.has('laser/f1'), false);
  assert.equal(derived.step, 3);
  close(derived.values.get('laser/f1'), 2 / 3, 'F1 of 0.5 and 1');
  assert.equal(derived.values.get('laser/val_accuracy'), 0.5);
  const plain = { step: 1, values: new Map([['a', 1]]) };
  assert.equal(withDerivedMetrics(plain), plain);
  assert.deepEqual([...derivedMetrics(new Map()).keys()], []);
});
