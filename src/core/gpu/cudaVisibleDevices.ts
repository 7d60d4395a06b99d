import type { GpuInfo } from './gpuInfo';

/** `CUDA_VISIBLE_DEVICES` for the chosen device indices, in the given order: [2, 0] → "2,0". */
export function cudaVisibleDevices(indices: readonly number[]): string {
  for (const index of indices) {
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`not a GPU index: ${index}`);
  }
  if (new Set(indices).size !== indices.length) throw new RangeError(`a GPU index is listed twice: ${indices.join(',')}`);
  return indices.join(',');
}

/** The `count` least busy devices (least memory used, then lowest utilization, then lowest index), in index order. */
export function pickGpus(count: number, gpus: readonly GpuInfo[]): number[] {
  const busy = (g: GpuInfo) => [g.memoryUsedMiB ?? Number.MAX_SAFE_INTEGER, g.utilizationPercent ?? 100, g.index];
  return [...gpus]
    .sort((a, b) => {
      const [x, y] = [busy(a), busy(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    })
    .slice(0, count)
    .map((g) => g.index)
    .sort((a, b) => a - b);
}
