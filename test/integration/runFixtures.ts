import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LaserLabApi } from '../../src/extension';

/** The run left running for the next phase, which checks it is re-attached after a new extension host starts. */
export const REATTACH_FILE = '.laser/reattach-run-id';

export function workspaceDir(): string {
  return vscode.workspace.workspaceFolders![0]!.uri.fsPath;
}

export function runDir(id: string): string {
  return join(workspaceDir(), '.laser', 'runs', id);
}

export function runJson(id: string): { pid?: number; pgid?: number; status?: string } {
  return JSON.parse(readFileSync(join(runDir(id), 'run.json'), 'utf8')) as { pid?: number; pgid?: number };
}

/** Starts a profile of the fixture workspace the way the palette does, without the confirmation dialog. */
export async function startProfile(profile: string): Promise<string> {
  const id = await vscode.commands.executeCommand<string | undefined>('laser.startRun', `.laser/profiles/${profile}.json`, { confirmed: true });
  if (!id) throw new Error(`LaSeR: Start Run did not start ${profile}`);
  return id;
}

/** Polls the Runs view's listing until `id` has `status`. */
export async function waitForStatus(api: LaserLabApi, id: string, status: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const run = (await api.listRuns()).find((r) => r.id === id);
    if (run?.status === status) return;
    if (Date.now() > end) throw new Error(`run ${id} is ${run?.status ?? 'missing'}, not ${status}, after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Processes still in a process group (zombies excluded), from /proc. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}
