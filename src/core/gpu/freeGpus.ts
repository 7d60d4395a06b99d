import type { GpuInfo } from './gpuInfo';

/** A device counts as free when almost nothing runs on it (another job's weights alone use GBs). */
export function isFree(gpu: GpuInfo, maxUsedFraction = 0.1, maxUtilization = 10): boolean {
  const used = gpu.memoryUsedMiB !== null && gpu.memoryTotalMiB ? gpu.memoryUsedMiB / gpu.memoryTotalMiB : 1;
  return used <= maxUsedFraction && (gpu.utilizationPercent ?? 100) <= maxUtilization;
}

/** `count` free device indices, or undefined while there are not enough. */
export function freeGpus(count: number, gpus: readonly GpuInfo[]): number[] | undefined {
  const free = gpus.filter((g) => isFree(g)).map((g) => g.index);
  return free.length >= count ? free.slice(0, count) : undefined;
}
