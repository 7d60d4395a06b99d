/** One device as nvidia-smi reports it; a value it cannot give (MIG, `[N/A]`) is null. */
export interface GpuInfo {
  readonly index: number;
  readonly name: string;
  readonly memoryUsedMiB: number | null;
  readonly memoryTotalMiB: number | null;
  readonly utilizationPercent: number | null;
}

export type GpuQueryResult =
  | { readonly available: true; readonly gpus: readonly GpuInfo[] }
  /** `reason` is for the user (it starts with "no GPU found"); `detail` says what nvidia-smi said or why it could not run. */
  | { readonly available: false; readonly reason: string; readonly detail?: string };
