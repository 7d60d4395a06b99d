import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExtensionMessage, parseMetricsViewMessage } from '../../../src/protocol/metrics';

test('accepts the webview messages of the contract', () => {
  assert.deepEqual(parseMetricsViewMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseMetricsViewMessage({ type: 'drawn', seq: 3, points: { run: { a: 5 } } }), { type: 'drawn', seq: 3, points: { run: { a: 5 } } });
  assert.deepEqual(parseMetricsViewMessage({ type: 'exportCsv', metric: 'a/b' }), { type: 'exportCsv', metric: 'a/b' });
  const png = { type: 'exportPng', metric: 'a', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' };
  assert.deepEqual(parseMetricsViewMessage(png), png);
});

test('rejects anything else from the webview', () => {
  for (const bad of [
    null, 'ready', {}, { type: 'drawn', seq: -1, points: {} }, { type: 'drawn', seq: 1, points: { run: { a: 1.5 } } },
    { type: 'drawn', seq: 1, points: { a: 1 } }, { type: 'run', argv: ['rm'] }, { type: 'exportPng', metric: 'a', dataUrl: 'https://example.invalid/x.png' },
  ]) {
    assert.equal(parseMetricsViewMessage(bad), undefined, JSON.stringify(bad));
  }
});

const series = { name: 'a', steps: [1, 2], values: [0.5, null], times: [10, 20] };

test('validates snapshots and deltas before the webview draws them', () => {
  const snapshot = { type: 'snapshot', seq: 1, runs: [{ run: { id: 'r', name: 'r', status: 'running' }, series: [series], warnings: ['line 3: expected a number'] }] };
  assert.deepEqual(parseExtensionMessage(snapshot), snapshot);
  assert.deepEqual(parseExtensionMessage({ type: 'append', seq: 2, runId: 'r', series: [series] }), { type: 'append', seq: 2, runId: 'r', series: [series] });
  assert.equal(parseExtensionMessage({ ...snapshot, runs: [{ ...snapshot.runs[0], series: [{ ...series, times: [1] }] }] }), undefined);
  assert.equal(parseExtensionMessage({ ...snapshot, runs: [{ run: { id: 1 }, series: [], warnings: [] }] }), undefined);
  assert.equal(parseExtensionMessage({ type: 'append', seq: 2, series: [series] }), undefined);
});
