import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectSeries, orderSeries } from '../../../src/core/metrics/series';
import { toSeriesData } from '../../../src/core/metrics/toSeriesData';

const rec = (step: number, values: Record<string, number>) => ({ step, values: new Map(Object.entries(values)) });

test('groups records per metric, sorted by step; a re-logged step replaces the old value', () => {
  const series = collectSeries([rec(2, { a: 2, b: 20 }), rec(1, { a: 1 }), rec(2, { a: 2.5 })]);
  assert.deepEqual(series, [
    { name: 'a', points: [{ step: 1, value: 1 }, { step: 2, value: 2.5 }] },
    { name: 'b', points: [{ step: 2, value: 20 }] },
  ]);
});

test('puts the LaSeR metrics first, then the rest alphabetically', () => {
  const names = orderSeries(collectSeries([rec(1, { zeta: 1, 'actor/pg_loss': 1, alpha: 1, 'actor/self_reward_loss': 1 })])).map((s) => s.name);
  assert.deepEqual(names, ['actor/self_reward_loss', 'actor/pg_loss', 'alpha', 'zeta']);
});

test('non-finite values become gaps for the webview', () => {
  const data = toSeriesData({ name: 'x', points: [{ step: 1, value: Number.NaN }, { step: 2, value: 3 }, { step: 3, value: Infinity }] });
  assert.deepEqual(data, { name: 'x', steps: [1, 2, 3], values: [null, 3, null] });
});
