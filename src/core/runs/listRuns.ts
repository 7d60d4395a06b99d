import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStatus, RunSummary } from './runSummary';

/** One summary per `<runsDir>/<id>/run.json`, newest first; a missing runs folder has no runs. */
export async function listRuns(runsDir: string): Promise<RunSummary[]> {
  let entries;
  try {
    entries = await readdir(runsDir, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const runs = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => readRun(join(runsDir, e.name), e.name)));
  return runs
    .filter((run): run is RunSummary => run !== undefined)
    .sort((a, b) => (b.startTime ?? '').localeCompare(a.startTime ?? '') || a.id.localeCompare(b.id));
}

async function readRun(dir: string, id: string): Promise<RunSummary | undefined> {
  const runFile = join(dir, 'run.json');
  const text = await readOptional(runFile);
  if (text === undefined) return undefined;
  const run = parseObject(text);
  if (!run) {
    return { id, dir, name: id, kind: 'unknown', status: 'invalid', problem: `${runFile}: expected a JSON object` };
  }
  const exitFile = join(dir, 'exit.json');
  const exitText = await readOptional(exitFile);
  let status: RunStatus = 'running';
  let problem: string | undefined;
  if (exitText !== undefined) {
    const exit = parseObject(exitText);
    if (!exit) {
      status = 'invalid';
      problem = `${exitFile}: expected a JSON object with "code" or "signal"`;
    } else {
      status = exit.code === 0 ? 'succeeded' : 'failed';
    }
  }
  return {
    id,
    dir,
    name: typeof run.name === 'string' ? run.name : id,
    kind: typeof run.kind === 'string' ? run.kind : 'script',
    status,
    ...(typeof run.startTime === 'string' ? { startTime: run.startTime } : {}),
    ...(problem ? { problem } : {}),
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'ENOENT';
}
