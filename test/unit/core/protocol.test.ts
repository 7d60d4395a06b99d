import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExtensionMessage, parseMetricsViewMessage } from '../../../src/protocol/metrics';

test('accepts the webview messages of the contract', () => {
  assert.deepEqual(parseMetricsViewMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseMetricsViewMessage({ type: 'drawn', seq: 3, points: { a: 5 } }), { type: 'drawn', seq: 3, points: { a: 5 } });
});

test('rejects anything else from the webview', () => {
  for (const bad of [null, 'ready', {}, { type: 'drawn', seq: -1, points: {} }, { type: 'drawn', seq: 1, points: { a: 1.5 } }, { type: 'run', argv: ['rm'] }]) {
    assert.equal(parseMetricsViewMessage(bad), undefined, JSON.stringify(bad));
  }
});

test('validates snapshots before the webview draws them', () => {
  const ok = { type: 'snapshot', seq: 1, run: { id: 'r', name: 'r', status: 'running' }, series: [{ name: 'a', steps: [1, 2], values: [0.5, null] }] };
  assert.deepEqual(parseExtensionMessage(ok), ok);
  assert.equal(parseExtensionMessage({ ...ok, series: [{ name: 'a', steps: [1], values: [] }] }), undefined);
  assert.equal(parseExtensionMessage({ ...ok, run: { id: 1 } }), undefined);
});
