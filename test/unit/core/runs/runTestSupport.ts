// Shared by the run tests: temporary workspaces, the built supervisor, waiting and /proc scans.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProcStat } from '../../../../src/core/runs/processLiveness';

export const ROOT = join(__dirname, '..', '..', '..', '..', '..');
export const SUPERVISOR = join(ROOT, 'dist', 'supervisor.js');
export const NODE = process.execPath;

const startedRuns: string[] = [];

/** Remembers a run folder so that `killLeftovers` can end its processes even when a test fails half-way. */
export function track(dir: string): string {
  startedRuns.push(dir);
  return dir;
}

/**
 * SIGKILL to the supervisor and the command group of every tracked run that has not ended, checking the recorded
 * start times first so that a pid reused by another program is never signalled.
 */
export function killLeftovers(): void {
  for (const dir of startedRuns.splice(0)) {
    if (existsSync(join(dir, 'exit.json'))) continue;
    let record: Record<string, unknown>;
    try {
      record = readJson(join(dir, 'run.json'));
    } catch {
      continue;
    }
    // Both lead a process group when the supervisor works as it should; otherwise at least the process itself goes.
    for (const [id, ticks] of [[record.pgid, record.pgidStartTicks], [record.pid, record.pidStartTicks]]) {
      if (typeof id !== 'number' || readProcStat(id)?.startTicks !== ticks) continue;
      for (const target of [-id, id]) {
        try {
          process.kill(target, 'SIGKILL');
        } catch {
          // Not a group leader, or already gone.
        }
      }
    }
  }
}

export function supervisorBuilt(): void {
  assert.ok(existsSync(SUPERVISOR), `${SUPERVISOR} is missing: run "node esbuild.mjs" first`);
}

export function tempWorkspace(): string {
  return mkdtempSync(join(tmpdir(), 'laser-ws-'));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

export function readLog(dir: string): string {
  return existsSync(join(dir, 'output.log')) ? readFileSync(join(dir, 'output.log'), 'utf8') : '';
}

export function waitForExit(dir: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  return waitFor(`${dir}/exit.json`, () => existsSync(join(dir, 'exit.json')) && readJson(join(dir, 'exit.json')), timeoutMs);
}

interface ProcEntry {
  readonly pid: number;
  readonly state: string;
  readonly ppid: number;
  readonly pgrp: number;
  readonly session: number;
}

/** Our own reading of /proc, independent of the code under test. */
export function procEntry(pid: number): ProcEntry | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid, pgrp, session] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state: state!, ppid: Number(ppid), pgrp: Number(pgrp), session: Number(session) };
  } catch {
    return undefined;
  }
}

/** Every process (zombies aside) whose process group is `pgid`. */
export function liveGroupMembers(pgid: number): ProcEntry[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => procEntry(Number(name)))
    .filter((p): p is ProcEntry => p !== undefined && p.pgrp === pgid && p.state !== 'Z');
}

export function isRunning(pid: number): boolean {
  const entry = procEntry(pid);
  return entry !== undefined && entry.state !== 'Z';
}
