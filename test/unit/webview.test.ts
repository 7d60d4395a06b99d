import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupByPrefix } from '../../webview/metrics/groups';
import { MetricsState } from '../../webview/metrics/runData';
import { emaSmooth } from '../../webview/metrics/smoothing';

test('EMA smoothing is debiased, keeps gaps, and weight 0 is the raw series', () => {
  assert.deepEqual(emaSmooth([1, 2, null, 4], 0), [1, 2, null, 4]);
  const s = emaSmooth([1, 3, null, 3], 0.5);
  assert.equal(s[0], 1);
  assert.ok(Math.abs(s[1]! - (0.5 * 0.5 + 0.5 * 3) / 0.75) < 1e-12);
  assert.equal(s[2], null);
});

test('metrics are grouped by their first path segment', () => {
  assert.deepEqual(groupByPrefix(['timing_s/gen', 'actor/pg_loss', 'actor/entropy', 'val-core/openai/gsm8k/reward/mean@1', 'lr']), [
    { prefix: 'actor', metrics: ['actor/entropy', 'actor/pg_loss'] },
    { prefix: 'other', metrics: ['lr'] },
    { prefix: 'timing_s', metrics: ['timing_s/gen'] },
    { prefix: 'val-core', metrics: ['val-core/openai/gsm8k/reward/mean@1'] },
  ]);
});

test('the webview state applies deltas in order, replaces re-logged steps, and asks again on a gap', () => {
  const state = new MetricsState();
  const run = { id: 'r', name: 'r', status: 'running' };
  state.apply({ type: 'snapshot', seq: 0, runs: [{ run, series: [{ name: 'a', steps: [1, 2], values: [1, 2], times: [0, 0] }], warnings: [] }] });
  assert.ok(state.apply({ type: 'append', seq: 1, runId: 'r', series: [{ name: 'a', steps: [2, 3], values: [20, 3], times: [1, 1] }, { name: 'b', steps: [3], values: [9], times: [1] }] }));
  assert.deepEqual(state.runs[0]!.metrics.get('a')!.values, [1, 20, 3]);
  assert.deepEqual([...state.metricNames()], ['a', 'b']);
  assert.equal(state.apply({ type: 'append', seq: 5, runId: 'r', series: [] }), false);
});
