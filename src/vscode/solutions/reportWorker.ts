// Entry of the worker thread that builds a Self-Reward Report (bundled as dist/reportWorker.js): parsing a big file
// and drawing thousands of random subsets for the scaling curves takes seconds, which the extension host must not block.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseSolutionsBuffer } from '../../core/solutions/lineIndex';
import { reportResult, type ReportJob, type ReportJobResult } from './reportJob';

function run(job: ReportJob): ReportJobResult {
  try {
    return reportResult(parseSolutionsBuffer(readFileSync(job.path)), job.threshold, job.seed);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

parentPort?.postMessage(run(workerData as ReportJob));
