import { exitFile, numberField, readJsonObject, runFile } from './readRunFiles';
import { isProcessAlive, isProcessGroupAlive, readProcStat, signalProcessGroup } from './processLiveness';

export const NOT_STARTED = 'the run has not started a command';

export interface StopRunOptions {
  /** After SIGINT, how long before SIGTERM (default 10 s). */
  readonly graceMs?: number;
  /** After SIGINT, how long before SIGKILL (default 30 s). */
  readonly killMs?: number;
  readonly pollMs?: number;
  /** After the group is gone, how long to wait for the supervisor's exit.json (default 5 s). */
  readonly exitWaitMs?: number;
}

export interface StopResult {
  /** True when no process of the run's group is left. */
  readonly stopped: boolean;
  readonly signals: readonly NodeJS.Signals[];
  readonly reason?: string;
}

/**
 * Stops a run's whole process group: SIGINT (training code can save and shut Ray down), SIGTERM after
 * `graceMs`, SIGKILL after `killMs`; resolves when no process of the group is left.
 */
export async function stopRun(run: { readonly dir: string }, options: StopRunOptions = {}): Promise<StopResult> {
  const graceMs = options.graceMs ?? 10_000;
  const killMs = Math.max(options.killMs ?? 30_000, graceMs);
  const pollMs = options.pollMs ?? 100;
  const record = await readJsonObject(runFile(run.dir));
  const pgid = record.state === 'ok' ? numberField(record.value, 'pgid') : undefined;
  if (record.state !== 'ok' || pgid === undefined) return { stopped: false, signals: [], reason: NOT_STARTED };
  const recorded = record.value.pgidStartTicks;
  const leader = readProcStat(pgid);
  if (leader && typeof recorded === 'number' && leader.startTicks !== recorded && leader.pgrp === pgid) {
    return { stopped: true, signals: [], reason: `process group ${pgid} now belongs to another program; the run's processes are gone` };
  }
  if (!isProcessGroupAlive(pgid)) return { stopped: true, signals: [], reason: 'the run had already ended' };

  const signals: NodeJS.Signals[] = [];
  const send = (signal: NodeJS.Signals) => {
    if (signalProcessGroup(pgid, signal)) signals.push(signal);
  };
  const started = Date.now();
  send('SIGINT');
  let next: NodeJS.Signals | undefined = 'SIGTERM';
  while (isProcessGroupAlive(pgid)) {
    const elapsed = Date.now() - started;
    if (next === 'SIGTERM' && elapsed >= graceMs) {
      send('SIGTERM');
      next = 'SIGKILL';
    } else if (next === 'SIGKILL' && elapsed >= killMs) {
      send('SIGKILL');
      next = undefined;
    } else if (next === undefined && elapsed >= killMs + 10_000) {
      return { stopped: false, signals, reason: `processes of group ${pgid} survived SIGKILL (stuck in the kernel?)` };
    }
    await sleep(pollMs);
  }
  await waitForExitFile(run.dir, record.value, options.exitWaitMs ?? 5_000, pollMs);
  return { stopped: true, signals };
}

async function waitForExitFile(dir: string, record: Record<string, unknown>, waitMs: number, pollMs: number): Promise<void> {
  const pid = numberField(record, 'pid');
  const ticks = typeof record.pidStartTicks === 'number' ? record.pidStartTicks : undefined;
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline && pid !== undefined && isProcessAlive(pid, ticks)) {
    if ((await readJsonObject(exitFile(dir))).state !== 'missing') return;
    await sleep(pollMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
