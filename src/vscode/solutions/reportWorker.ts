// Entry of the worker thread that builds a Self-Reward Report (bundled as dist/reportWorker.js): parsing a big file
// and drawing thousands of random subsets for the scaling curves takes seconds, which the extension host must not block.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseSolutionsBuffer } from '../../core/solutions/lineIndex';
import { sidecarScores } from '../../core/solutions/sidecarScores';
import { reportResult, type ReportJob, type ReportJobResult } from './reportJob';

async function run(job: ReportJob): Promise<ReportJobResult> {
  try {
    const bytes = readFileSync(job.path);
    const scored = job.laserDir ? await sidecarScores(job.laserDir, bytes) : undefined;
    return reportResult(parseSolutionsBuffer(bytes), job.threshold, job.seed, scored?.scores);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

void run(workerData as ReportJob).then((result) => parentPort?.postMessage(result));
