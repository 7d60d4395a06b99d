import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cudaVisibleDevices, pickGpus } from '../../../../src/core/gpu/cudaVisibleDevices';

test('CUDA_VISIBLE_DEVICES keeps the chosen order; bad indices throw', () => {
  assert.equal(cudaVisibleDevices([0, 1, 3]), '0,1,3');
  assert.equal(cudaVisibleDevices([2, 0]), '2,0');
  assert.equal(cudaVisibleDevices([]), '');
  assert.throws(() => cudaVisibleDevices([-1]), /not a GPU index/);
  assert.throws(() => cudaVisibleDevices([1.5]), /not a GPU index/);
  assert.throws(() => cudaVisibleDevices([1, 1]), /listed twice/);
});

test('pickGpus takes the least busy devices and returns them in index order', () => {
  const gpu = (index: number, memoryUsedMiB: number | null, utilizationPercent: number | null) => ({ index, name: 'GPU', memoryUsedMiB, memoryTotalMiB: 81559, utilizationPercent });
  const gpus = [gpu(0, 70000, 90), gpu(1, 4, 0), gpu(2, 4, 50), gpu(3, null, null), gpu(4, 4, 0)];
  assert.deepEqual(pickGpus(2, gpus), [1, 4]);
  assert.deepEqual(pickGpus(3, gpus), [1, 2, 4]);
  assert.deepEqual(pickGpus(5, gpus), [0, 1, 2, 3, 4]);
});
