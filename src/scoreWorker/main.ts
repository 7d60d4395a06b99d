// Entry of dist/scoreWorker.js: the ONNX scorer in a worker thread, so inference never blocks the extension host.
import { parentPort } from 'node:worker_threads';
import { ScoringCancelled, scoreWithOnnx } from '../core/scoring/onnxScorer';
import type { FromScoreWorker, ToScoreWorker } from '../core/scoring/scoreWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('scoreWorker.js runs only as a worker thread');
let cancelled = false;
const send = (message: FromScoreWorker): void => port.postMessage(message);

port.on('message', (message: ToScoreWorker) => {
  if (message.type === 'cancel') {
    cancelled = true;
    return;
  }
  scoreWithOnnx(message.job, { onProgress: (done, total) => send({ type: 'progress', done, total }), isCancelled: () => cancelled }).then(
    (result) => send({ type: 'result', result }),
    (error: unknown) => send({ type: 'error', message: (error as Error).message, cancelled: error instanceof ScoringCancelled }),
  );
});
