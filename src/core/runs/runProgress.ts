import { readLogTail } from './logTail';

export interface LogProgress {
  readonly step?: number;
  readonly total?: number;
}

const STEP = /(?:^|\s)step:(\d+)\s+-\s/;
const TQDM = /(\d+)\/(\d+) \[/;

/** The last logged step and, from a progress bar, the total, read from the end of a log. */
export async function readLogProgress(logPath: string): Promise<LogProgress> {
  const lines = await readLogTail(logPath, 60).catch(() => []);
  let step: number | undefined;
  let total: number | undefined;
  for (const line of lines.reverse()) {
    const stepMatch = step === undefined ? STEP.exec(line) : null;
    if (stepMatch) step = Number(stepMatch[1]);
    const bar = total === undefined ? TQDM.exec(line) : null;
    if (bar) total = Number(bar[2]);
    if (step !== undefined && total !== undefined) break;
  }
  return { ...(step !== undefined ? { step } : {}), ...(total !== undefined ? { total } : {}) };
}
