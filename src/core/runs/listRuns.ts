import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readLogTail } from './logTail';
import { isProcessAlive } from './processLiveness';
import { exitFile, numberField, readJsonObject, runFile, stringField } from './readRunFiles';
import { LOG_FILE } from './runRecord';
import type { RunStatus, RunSummary } from './runSummary';

export interface ListRunsOptions {
  /** How many log lines failed and lost runs carry (0: none). */
  readonly tailLines?: number;
  /** Whether a recorded supervisor is still that process (replaceable in tests). */
  readonly isAlive?: (pid: number, startTicks?: number) => boolean;
}

/** One summary per `<runsDir>/<id>/run.json`, newest first; a missing runs folder has no runs. */
export async function listRuns(runsDir: string, options: ListRunsOptions = {}): Promise<RunSummary[]> {
  let entries;
  try {
    entries = await readdir(runsDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const runs = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => readRun(join(runsDir, e.name), options)));
  return runs
    .filter((run): run is RunSummary => run !== undefined)
    .sort((a, b) => (b.startTime ?? '').localeCompare(a.startTime ?? '') || a.id.localeCompare(b.id));
}

/** The summary of one run folder; undefined when it has no run.json. */
export async function readRun(dir: string, options: ListRunsOptions = {}): Promise<RunSummary | undefined> {
  const id = dir.split(/[/\\]/).filter(Boolean).pop()!;
  const run = await readJsonObject(runFile(dir));
  if (run.state === 'missing') return undefined;
  const record = run.state === 'ok' ? run.value : {};
  const exit = await readJsonObject(exitFile(dir));
  const pid = numberField(record, 'pid');
  const pgid = numberField(record, 'pgid');
  const startTicks = typeof record.pidStartTicks === 'number' ? record.pidStartTicks : undefined;
  const isAlive = options.isAlive ?? isProcessAlive;

  let status: RunStatus;
  let problem: string | undefined = run.state === 'invalid' ? `${runFile(dir)}: expected a JSON object` : undefined;
  let exitCode: number | null | undefined;
  let signal: string | null | undefined;
  let endTime: string | undefined;
  if (exit.state === 'ok') {
    exitCode = typeof exit.value.code === 'number' ? exit.value.code : null;
    signal = stringField(exit.value, 'signal') ?? null;
    endTime = stringField(exit.value, 'endTime');
    status = exitCode === 0 ? 'finished' : 'failed';
    const error = stringField(exit.value, 'error');
    if (error) problem = error;
  } else if (exit.state === 'invalid') {
    status = 'failed';
    problem = `${exitFile(dir)}: expected a JSON object with "code" and "signal"`;
  } else if (pid !== undefined) {
    status = isAlive(pid, startTicks) ? 'running' : 'lost';
    if (status === 'lost') problem = `its supervisor (pid ${pid}) is gone and left no exit.json; the outcome is unknown`;
  } else if (record.status === 'queued') {
    status = 'queued';
  } else {
    status = 'lost';
    problem ??= 'run.json records no supervisor pid and there is no exit.json; the outcome is unknown';
  }
  const tailLines = options.tailLines ?? 20;
  const logTail = (status === 'failed' || status === 'lost') && tailLines > 0 ? await readLogTail(join(dir, LOG_FILE), tailLines) : undefined;
  return {
    id,
    dir,
    name: stringField(record, 'name') ?? id,
    kind: stringField(record, 'kind') ?? (run.state === 'ok' ? 'script' : 'unknown'),
    status,
    ...(stringField(record, 'startTime') ? { startTime: stringField(record, 'startTime') } : {}),
    ...(endTime ? { endTime } : {}),
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(signal !== undefined ? { signal } : {}),
    ...(pid !== undefined ? { pid } : {}),
    ...(pgid !== undefined ? { pgid } : {}),
    ...(problem ? { problem } : {}),
    ...(logTail?.length ? { logTail } : {}),
  };
}
