import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricStore } from '../../../../src/core/metrics/metricStore';

const rec = (step: number, values: Record<string, number>) => ({ step, values: new Map(Object.entries(values)) });
const points = (store: MetricStore, name: string) => {
  const s = store.series(name)!;
  return [...s.steps].map((step, i) => [step, s.values[i], s.times[i]]);
};

test('appends per metric in step order with the wall time of the append', () => {
  const store = new MetricStore();
  store.append([rec(1, { a: 1, b: 10 }), rec(2, { a: 2 })], 1000);
  store.append([rec(3, { a: 3, b: 30 })], 2000);
  assert.deepEqual(store.names(), ['a', 'b']);
  assert.deepEqual(points(store, 'a'), [[1, 1, 1000], [2, 2, 1000], [3, 3, 2000]]);
  assert.deepEqual(points(store, 'b'), [[1, 10, 1000], [3, 30, 2000]]);
  assert.equal(store.series('a')!.length, 3);
  assert.equal(store.lastStep(), 3);
  assert.equal(store.pointCount, 5);
  assert.equal(store.series('nope'), undefined);
});

test('a re-logged step replaces the earlier point; a missing older step is inserted in order', () => {
  const store = new MetricStore();
  store.append([1, 2, 3, 4, 5].map((s) => rec(s, { a: s })), 1);
  store.append([rec(3, { a: 30 }), rec(4, { a: 40 }), rec(4, { a: 41 })], 2);
  store.append([rec(0, { a: -1 }), rec(2.5, { a: 25 })], 3);
  assert.deepEqual(points(store, 'a'), [[0, -1, 3], [1, 1, 1], [2, 2, 1], [2.5, 25, 3], [3, 30, 2], [4, 41, 2], [5, 5, 1]]);
  assert.equal(store.pointCount, 7);
});

test('grows past its initial capacity without losing points', () => {
  const store = new MetricStore();
  for (let step = 0; step < 1000; step++) store.append([rec(step, { a: step * 2 })], step);
  const s = store.series('a')!;
  assert.equal(s.length, 1000);
  assert.ok(s.values.every((v, i) => v === i * 2 && s.steps[i] === i));
});

test('changesSince gives the points written after a version, from the first changed index', () => {
  const store = new MetricStore();
  const v1 = store.append([rec(1, { a: 1, b: 1 }), rec(2, { a: 2 })], 1);
  assert.deepEqual(store.changesSince(0).series.map((s) => [s.name, s.from, [...s.steps]]), [['a', 0, [1, 2]], ['b', 0, [1]]]);
  const v2 = store.append([rec(3, { a: 3 })], 2);
  const delta = store.changesSince(v1);
  assert.equal(delta.version, v2);
  assert.deepEqual(delta.series.map((s) => [s.name, s.from, [...s.steps], [...s.values], [...s.times]]), [['a', 2, [3], [3], [2]]]);
  assert.deepEqual(store.changesSince(v2).series, []);
  store.append([rec(2, { a: 20 })], 3);
  assert.deepEqual(store.changesSince(v2).series.map((s) => [s.name, s.from, [...s.values]]), [['a', 1, [20, 3]]]);
  assert.deepEqual(store.changesSince(v1).series.map((s) => [s.name, s.from, [...s.values]]), [['a', 1, [20, 3]]]);
  const v4 = store.version;
  store.append([rec(3, { a: 30 })], 4);
  assert.deepEqual(store.changesSince(v4).series.map((s) => [s.name, s.from, [...s.values]]), [['a', 2, [30]]]);
});

test('appending nothing keeps the version; non-finite steps are skipped', () => {
  const store = new MetricStore();
  const v = store.append([rec(1, { a: 1 })], 1);
  assert.equal(store.append([], 2), v);
  assert.equal(store.append([rec(Number.NaN, { a: 1 }), rec(2, {})], 2), v);
  assert.equal(store.pointCount, 1);
});

test('values keep NaN and infinities; memory is accounted per allocated point', () => {
  const store = new MetricStore();
  store.append([rec(1, { a: Number.NaN, b: Infinity })], 1);
  assert.ok(Number.isNaN(store.series('a')!.values[0]));
  assert.equal(MetricStore.bytesPerPoint, 28);
  const empty = store.memoryBytes();
  for (let step = 2; step < 10_000; step++) store.append([rec(step, { a: step })], step);
  const perPoint = (store.memoryBytes() - empty) / 9_998;
  assert.ok(perPoint >= 28 && perPoint <= 42, String(perPoint));
});
