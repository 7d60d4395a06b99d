import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertWatch } from '../../../src/core/live/alerts';
import { metricCsv } from '../../../src/core/live/exportCsv';
import { formatDuration } from '../../../src/core/live/formatDuration';
import { median } from '../../../src/core/live/median';

const rec = (step: number, values: Record<string, number>) => ({ step, values: new Map(Object.entries(values)) });

test('a NaN or inf loss or grad norm alerts once per metric', () => {
  const watch = new AlertWatch();
  assert.deepEqual(watch.check(rec(1, { 'actor/pg_loss': 0.1, 'actor/grad_norm': 1 })), []);
  assert.deepEqual(watch.check(rec(2, { 'actor/grad_norm': Number.NaN, 'critic/score/mean': Number.NaN })).map((a) => a.message), ['actor/grad_norm is NaN at step 2.']);
  assert.deepEqual(watch.check(rec(3, { 'actor/grad_norm': Number.POSITIVE_INFINITY })), []);
  assert.deepEqual(watch.check(rec(4, { 'actor/self_reward_loss': Number.NEGATIVE_INFINITY })).map((a) => a.key), ['nonfinite:actor/self_reward_loss']);
});

test('a reward collapse alerts after the warm-up, relative to the best reward so far', () => {
  const watch = new AlertWatch({ nonFiniteWatch: [], rewardCollapse: { metric: 'r', fractionOfPeak: 0.5, minSteps: 3 }, silenceFactor: 5 });
  assert.deepEqual(watch.check(rec(1, { r: 0.8 })), []);
  assert.deepEqual(watch.check(rec(2, { r: 0.1 })), [], 'too early to tell');
  assert.deepEqual(watch.check(rec(3, { r: 0.5 })), []);
  assert.deepEqual(watch.check(rec(4, { r: 0.3 })).map((a) => a.message), ['r collapsed to 0.300 at step 4 (best 0.800).']);
  assert.deepEqual(watch.check(rec(5, { r: 0.2 })), [], 'once');
});

test('silence alerts only past the factor of the median step time', () => {
  const watch = new AlertWatch();
  assert.deepEqual(watch.checkSilence(40_000, 10_000), []);
  assert.deepEqual(watch.checkSilence(60_000, undefined), []);
  assert.equal(watch.checkSilence(600_000, 10_000).length, 1);
  assert.equal(watch.checkSilence(900_000, 10_000).length, 0);
});

test('CSV export has every point, nan spelled out, ISO times, quoted names', () => {
  const csv = metricCsv('val-core/a,b/acc', [{ run: 'LaSeR "7B"', steps: [1, 2], values: [0.5, Number.NaN], times: [0, 1000] }]);
  assert.equal(csv, 'run,step,"val-core/a,b/acc",time\n"LaSeR ""7B""",1,0.5,1970-01-01T00:00:00.000Z\n"LaSeR ""7B""",2,NaN,1970-01-01T00:00:01.000Z\n');
});

test('durations and medians', () => {
  assert.equal(formatDuration(40_400), '40s');
  assert.equal(formatDuration(725_000), '12m 05s');
  assert.equal(formatDuration(3_720_000), '1h 02m');
  assert.equal(median([]), undefined);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
});
