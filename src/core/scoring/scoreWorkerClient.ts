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
 * Runs one job in a fresh worker thread and ends the worker when the job ends. Cancelling rejects at once with
 * ScoringCancelled and asks the worker to stop at its next batch; the worker is terminated only once it has answered,
 * because terminating it while an onnxruntime call is in flight aborts the whole process (seen with 1.30).
 */
export function scoreInWorker(job: OnnxScoreJob, options: WorkerScoreOptions = {}): Promise<OnnxScoreResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ScoringCancelled());
      return;
    }
    const worker = new Worker(options.workerPath ?? defaultScoreWorkerPath());
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const end = (fn: () => void): void => {
      settle(fn);
      void worker.terminate();
    };
    const onAbort = (): void => {
      worker.postMessage({ type: 'cancel' } satisfies ToScoreWorker);
      settle(() => reject(new ScoringCancelled()));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: FromScoreWorker) => {
      if (message.type === 'progress') {
        if (!settled) options.onProgress?.(message.done, message.total);
      } else if (message.type === 'result') end(() => resolve(message.result));
      else end(() => reject(message.cancelled ? new ScoringCancelled() : new Error(message.message)));
    });
    worker.on('error', (error) => end(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the scoring worker exited (code ${code}) before it finished`))));
    worker.postMessage({ type: 'score', job } satisfies ToScoreWorker);
  });
}
