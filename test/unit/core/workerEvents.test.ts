import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEnvironment, toEnvironmentReport } from '../../../src/core/python/environmentReport';
import { parseWorkerEvent } from '../../../src/core/python/workerEvents';

test('parses worker events and ignores library chatter', () => {
  assert.deepEqual(parseWorkerEvent('{"event":"progress","done":2,"total":8}'), { event: 'progress', done: 2, total: 8 });
  assert.deepEqual(parseWorkerEvent('{"event":"error","message":"no GPU"}'), { event: 'error', message: 'no GPU' });
  assert.equal(parseWorkerEvent('Loading checkpoint shards: 100%'), undefined);
  assert.equal(parseWorkerEvent('{"event":"progress","done":"2"}'), undefined);
  assert.equal(parseWorkerEvent('{not json'), undefined);
});

test('turns the env result into a report and a readable line', () => {
  const report = toEnvironmentReport({
    event: 'result', python: '3.11.7', executable: '/venv/bin/python', laser_lab: '0.1.0',
    packages: { torch: '2.5.1', vllm: null }, cuda: { available: true, devices: [{ index: 0, name: 'NVIDIA H100', memoryGiB: 79.2 }] },
  });
  assert.equal(describeEnvironment(report), 'Python 3.11.7 (/venv/bin/python) · laser_lab 0.1.0 · torch 2.5.1, vllm — · 1 CUDA GPU(s): NVIDIA H100');
  assert.throws(() => toEnvironmentReport({ python: '3.11' }), /expected "packages"/);
});
