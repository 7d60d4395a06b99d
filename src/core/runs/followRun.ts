import { join } from 'node:path';
import { FileTail } from '../tail/fileTail';
import { isProcessAlive } from './processLiveness';
import { exitFile, numberField, readJsonObject, runFile } from './readRunFiles';
import { LOG_FILE, type ExitRecord } from './runRecord';

export type RunOutcome = { readonly ended: true; readonly exit: ExitRecord } | { readonly ended: false; readonly lost: string };

export interface FollowOptions {
  readonly pollMs?: number;
  /** Stops following (the run goes on); the promise then resolves with what is known. */
  readonly signal?: AbortSignal;
}

/** Streams a run's output.log from the start to `onText` until exit.json appears (everything written is delivered first). */
export async function followRun(dir: string, onText: (text: string) => void, options: FollowOptions = {}): Promise<RunOutcome> {
  const pollMs = options.pollMs ?? 100;
  const tail = new FileTail(join(dir, LOG_FILE), onText, undefined, { pollMs });
  let lastLivenessCheck = 0;
  try {
    for (;;) {
      await tail.poke();
      const exit = await readJsonObject(exitFile(dir));
      if (exit.state === 'ok') {
        await tail.poke();
        const v = exit.value;
        return {
          ended: true,
          exit: {
            code: typeof v.code === 'number' ? v.code : null,
            signal: typeof v.signal === 'string' ? v.signal : null,
            endTime: typeof v.endTime === 'string' ? v.endTime : '',
            ...(typeof v.error === 'string' ? { error: v.error } : {}),
          },
        };
      }
      if (options.signal?.aborted) return { ended: false, lost: 'stopped following' };
      if (Date.now() - lastLivenessCheck > 1000) {
        lastLivenessCheck = Date.now();
        const lost = await lostReason(dir);
        if (lost && (await readJsonObject(exitFile(dir))).state === 'missing') {
          await tail.poke();
          return { ended: false, lost };
        }
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    tail.dispose();
  }
}

async function lostReason(dir: string): Promise<string | undefined> {
  const run = await readJsonObject(runFile(dir));
  if (run.state !== 'ok') return `${runFile(dir)} cannot be read`;
  const pid = numberField(run.value, 'pid');
  if (pid === undefined) return undefined;
  const ticks = typeof run.value.pidStartTicks === 'number' ? run.value.pidStartTicks : undefined;
  return isProcessAlive(pid, ticks) ? undefined : `the run's supervisor (pid ${pid}) is gone and left no exit.json`;
}
