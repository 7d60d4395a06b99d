import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ScoringCancelled } from './onnxScorer';
import type { FromScoreWorker, OnnxScoreJob, OnnxScoreResult, ToScoreWorker } from './scoreWorkerProtocol';

/** dist/scoreWorker.js next to the running bundle (dist/extension.js and dist/cli.js both live in dist/). */
export function defaultScoreWorkerPath(bundleDir: string = __dirname): string {
  return join(bundleDir, 'scoreWorker.js');
}

export interface WorkerScoreOptions {
  readonly workerPath?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs one job in a fresh worker thread and ends the worker when the job ends. Cancelling terminates the worker at
 * once (a forward pass cannot be interrupted from outside) and rejects with ScoringCancelled.
 */
export function scoreInWorker(job: OnnxScoreJob, options: WorkerScoreOptions = {}): Promise<OnnxScoreResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ScoringCancelled());
      return;
    }
    const worker = new Worker(options.workerPath ?? defaultScoreWorkerPath());
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const onAbort = (): void => finish(() => reject(new ScoringCancelled()));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: FromScoreWorker) => {
      if (message.type === 'progress') options.onProgress?.(message.done, message.total);
      else if (message.type === 'result') finish(() => resolve(message.result));
      else finish(() => reject(message.cancelled ? new ScoringCancelled() : new Error(message.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the scoring worker exited (code ${code}) before it finished`))));
    worker.postMessage({ type: 'score', job } satisfies ToScoreWorker);
  });
}
