import { execFile } from 'node:child_process';
import type { GpuQueryResult } from './gpuInfo';
import { NVIDIA_SMI_ARGS, parseNvidiaSmi } from './parseNvidiaSmi';

export interface GpuQueryOptions {
  /** The nvidia-smi executable: a path or a command on PATH. */
  readonly command?: string;
  readonly timeoutMs?: number;
}

/** Runs nvidia-smi (argv, no shell) and says which GPUs there are; a missing nvidia-smi or driver means "no GPU found". */
export function queryGpus(options: GpuQueryOptions = {}): Promise<GpuQueryResult> {
  const command = options.command ?? 'nvidia-smi';
  return new Promise((resolve) => {
    execFile(command, [...NVIDIA_SMI_ARGS], { timeout: options.timeoutMs ?? 10_000, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (!error) {
        resolve(parseNvidiaSmi(stdout));
        return;
      }
      const e = error as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === 'ENOENT') {
        resolve({ available: false, reason: 'no GPU found', detail: `${command} is not installed or not on PATH` });
      } else if (e.killed) {
        resolve({ available: false, reason: 'no GPU found', detail: `${command} did not answer within ${options.timeoutMs ?? 10_000} ms` });
      } else {
        const said = `${stdout}\n${stderr}`.trim();
        resolve(said ? parseNvidiaSmi(said) : { available: false, reason: 'no GPU found', detail: e.message });
      }
    });
  });
}
