import * as vscode from 'vscode';
import { cudaVisibleDevices } from '../../core/gpu/cudaVisibleDevices';
import { freeGpus } from '../../core/gpu/freeGpus';
import { queryGpus } from '../../core/gpu/queryGpus';
import { writeJsonAtomic } from '../../core/runs/atomicWrite';
import { readJsonObject, runFile } from '../../core/runs/readRunFiles';
import { startRun } from '../../core/runs/startRun';
import { defaultSupervisorPath } from '../../core/runs/supervisorPath';
import type { RunItem } from './runsTreeProvider';

/** How many GPUs a queued run waits for: the ones recorded in its run.json, else its profile's count, else one. */
async function gpusWanted(run: RunItem): Promise<number> {
  const file = await readJsonObject(runFile(run.dir));
  if (file.state !== 'ok') return 1;
  const gpus = file.value.gpus;
  if (Array.isArray(gpus)) return gpus.length || 1;
  const profile = file.value.profile as { gpus?: unknown } | undefined;
  if (typeof profile?.gpus === 'number') return profile.gpus;
  if (Array.isArray(profile?.gpus)) return profile.gpus.length;
  return 1;
}

/**
 * Starts queued runs (status "queued" on disk, so the queue survives reloads) when enough GPUs are free,
 * oldest first; checks every `intervalMs`.
 */
export function runQueue(runs: () => readonly RunItem[], extensionUri: vscode.Uri, onStarted: () => void, intervalMs = 15_000): vscode.Disposable {
  let busy = false;
  const tick = async () => {
    const queued = runs().filter((r) => r.status === 'queued' && !r.pid).reverse();
    if (busy || queued.length === 0 || !vscode.workspace.isTrusted) return;
    busy = true;
    try {
      const gpus = await queryGpus();
      for (const run of queued) {
        const wanted = await gpusWanted(run);
        const free = gpus.available ? freeGpus(wanted, gpus.gpus) : undefined;
        if (!free) break;
        const record = await readJsonObject(runFile(run.dir));
        if (record.state === 'ok') {
          const env = { ...(record.value.env as Record<string, string> | undefined), CUDA_VISIBLE_DEVICES: cudaVisibleDevices(free) };
          await writeJsonAtomic(runFile(run.dir), { ...record.value, gpus: free, env });
        }
        await startRun({ dir: run.dir }, { supervisorPath: defaultSupervisorPath(vscode.Uri.joinPath(extensionUri, 'dist').fsPath) });
        void vscode.window.showInformationMessage(`LaSeR: started queued run ${run.name} on GPU ${free.join(', ')}.`);
        onStarted();
        break;
      }
    } catch (error) {
      void vscode.window.showErrorMessage(`LaSeR: the queue could not start a run: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  return new vscode.Disposable(() => clearInterval(timer));
}
