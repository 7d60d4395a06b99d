import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import { parseWorkerEvent, type WorkerEvent } from './workerEvents';

export interface PythonModuleRun {
  /** The interpreter: a path or a command on PATH. */
  readonly python: string;
  readonly module: string;
  readonly args: readonly string[];
  /** Folder holding the `laser_lab` package, put first on PYTHONPATH. */
  readonly packageRoot: string;
  readonly timeoutMs?: number;
  /** Aborting stops the worker (SIGTERM) and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

export class PythonWorkerError extends Error {}

/** Runs `python -m <module> …` (argv, no shell) and returns its `result` event; any failure becomes a readable error. */
export function runPythonModule(run: PythonModuleRun, onEvent?: (event: WorkerEvent) => void): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, PYTHONPATH: [run.packageRoot, process.env.PYTHONPATH].filter(Boolean).join(delimiter), PYTHONUNBUFFERED: '1' };
    const child = spawn(run.python, ['-m', run.module, ...run.args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), run.timeoutMs ?? 60_000);
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    run.signal?.addEventListener('abort', onAbort, { once: true });
    let result: Record<string, unknown> | undefined;
    let error: string | undefined;
    let pending = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const event = parseWorkerEvent(line);
        if (!event) continue;
        if (event.event === 'result') result = event;
        if (event.event === 'error' && event.fatal !== false) error = event.message;
        onEvent?.(event);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      reject(new PythonWorkerError(e.code === 'ENOENT' ? `Python interpreter "${run.python}" was not found.` : `Could not start "${run.python}": ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      if (run.signal?.aborted) reject(run.signal.reason);
      else if (error !== undefined) reject(new PythonWorkerError(error));
      else if (code === 0 && result) resolve(result);
      else {
        const why = signal ? `was stopped by ${signal}` : code === 0 ? 'printed no result' : `exited with code ${code}`;
        const tail = stderr.trim().split('\n').slice(-3).join('\n');
        reject(new PythonWorkerError(`python -m ${run.module} ${why}${tail ? `:\n${tail}` : '.'}`));
      }
    });
  });
}
