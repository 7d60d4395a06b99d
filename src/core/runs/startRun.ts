import { spawn } from 'node:child_process';
import { appendFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from './atomicWrite';
import { exitFile, numberField, readJsonObject, runFile } from './readRunFiles';
import { LOG_FILE, type ExitRecord } from './runRecord';

export interface StartRunOptions {
  /** dist/supervisor.js (see defaultSupervisorPath). */
  readonly supervisorPath: string;
  /** The Node that runs the supervisor; the current one by default (Electron's, run as Node, inside VS Code). */
  readonly nodePath?: string;
  /** The environment the supervisor and the command inherit; process.env by default. */
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** How long to wait for the supervisor to report the command started. */
  readonly timeoutMs?: number;
}

export interface StartedRun {
  /** The supervisor's pid. */
  readonly pid: number;
  /** The command's process group; undefined when the command could not be started. */
  readonly pgid?: number;
  /** True when exit.json already exists (a very short command, or one that could not be started). */
  readonly ended: boolean;
}

/**
 * Starts the supervisor for a created run, detached in its own session so the run outlives this process, and
 * resolves once it has started the command (or written exit.json). Secret variables travel in the supervisor's
 * environment, never through run.json.
 */
export async function startRun(run: { readonly dir: string; readonly secretEnv?: Readonly<Record<string, string>> }, options: StartRunOptions): Promise<StartedRun> {
  await stat(options.supervisorPath).catch(() => {
    throw new Error(`the run supervisor is missing: ${options.supervisorPath} (build with "node esbuild.mjs")`);
  });
  const env = { ...(options.baseEnv ?? process.env), ...run.secretEnv, ELECTRON_RUN_AS_NODE: '1' };
  const child = spawn(options.nodePath ?? process.execPath, [options.supervisorPath, run.dir], { detached: true, stdio: 'ignore', env, cwd: run.dir });
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  child.on('error', (error) => (spawnError = error));
  child.unref();
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const exit = await readJsonObject(exitFile(run.dir));
    if (exit.state !== 'missing') return { pid: child.pid ?? 0, ended: true };
    const record = await readJsonObject(runFile(run.dir));
    if (record.state === 'ok' && child.pid !== undefined && record.value.pid === child.pid) {
      const pgid = numberField(record.value, 'pgid');
      return { pid: child.pid, ...(pgid ? { pgid } : {}), ended: false };
    }
    if (spawnError || exited) {
      // Look once more: the supervisor may have finished a very short command between the reads above.
      if ((await readJsonObject(exitFile(run.dir))).state !== 'missing') return { pid: child.pid ?? 0, ended: true };
      const why = spawnError ? spawnError.message : `exited with ${exited!.signal ?? `code ${exited!.code}`}`;
      await recordStartFailure(run.dir, `the run supervisor ${why} before starting the command`);
      throw new Error(`could not start the run: the supervisor ${why}; see ${join(run.dir, LOG_FILE)}`);
    }
    if (Date.now() > deadline) throw new Error(`the run supervisor (pid ${child.pid}) did not report within ${options.timeoutMs ?? 15_000} ms; see ${join(run.dir, LOG_FILE)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function recordStartFailure(dir: string, message: string): Promise<void> {
  await appendFile(join(dir, LOG_FILE), `laser-lab: ${message}\n`);
  const exit: ExitRecord = { code: 127, signal: null, endTime: new Date().toISOString(), error: message };
  await writeJsonAtomic(exitFile(dir), exit);
}
