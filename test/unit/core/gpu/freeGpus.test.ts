import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freeGpus, isFree } from '../../../../src/core/gpu/freeGpus';

const gpu = (index: number, used: number | null, util: number | null) => ({ index, name: 'H100', memoryUsedMiB: used, memoryTotalMiB: 81559, utilizationPercent: util });

test('a device is free when its memory and utilization are nearly unused; unknown counts as busy', () => {
  assert.equal(isFree(gpu(0, 4, 0)), true);
  assert.equal(isFree(gpu(0, 40000, 0)), false);
  assert.equal(isFree(gpu(0, 4, 95)), false);
  assert.equal(isFree(gpu(0, null, null)), false);
});

test('a queued run gets its devices only when enough are free', () => {
  const gpus = [gpu(0, 70000, 99), gpu(1, 3, 0), gpu(2, 5, 1), gpu(3, 60000, 80)];
  assert.deepEqual(freeGpus(2, gpus), [1, 2]);
  assert.equal(freeGpus(3, gpus), undefined);
});
