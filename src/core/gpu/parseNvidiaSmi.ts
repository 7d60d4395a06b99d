import type { GpuInfo, GpuQueryResult } from './gpuInfo';

/** The query every GPU function uses; its columns are the order `parseNvidiaSmi` expects. */
export const NVIDIA_SMI_ARGS = ['--query-gpu=index,name,memory.used,memory.total,utilization.gpu', '--format=csv,noheader,nounits'] as const;

const NO_DEVICES = /no devices were found/i;

/**
 * Parses `nvidia-smi --query-gpu=index,name,memory.used,memory.total,utilization.gpu --format=csv,noheader,nounits`.
 * Values nvidia-smi cannot give (`[N/A]`, `[Not Supported]`, MIG) become null; lines that are not GPU rows are skipped.
 */
export function parseNvidiaSmi(stdout: string): GpuQueryResult {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.some((l) => NO_DEVICES.test(l))) return { available: false, reason: 'no GPU found', detail: 'nvidia-smi: No devices were found' };
  const gpus = lines.map(parseRow).filter((g): g is GpuInfo => g !== undefined);
  if (gpus.length === 0) return { available: false, reason: 'no GPU found', detail: lines.length ? `nvidia-smi: ${lines[0]}` : 'nvidia-smi printed nothing' };
  return { available: true, gpus };
}

function parseRow(line: string): GpuInfo | undefined {
  const cells = line.split(',').map((c) => c.trim());
  if (cells.length < 5) return undefined;
  // A name containing commas is everything between the index and the last three numbers.
  const [indexCell, ...rest] = cells;
  const [used, total, utilization] = rest.splice(-3);
  if (!/^\d+$/.test(indexCell!)) return undefined;
  return { index: Number(indexCell), name: rest.join(', '), memoryUsedMiB: measure(used!), memoryTotalMiB: measure(total!), utilizationPercent: measure(utilization!) };
}

function measure(cell: string): number | null {
  const value = Number(cell);
  return cell !== '' && Number.isFinite(value) ? value : null;
}
