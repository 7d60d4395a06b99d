import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomicSync } from '../core/runs/atomicWrite';
import { OutputRedactor } from '../core/runs/outputRedactor';
import { processGroupMembers, readProcStat, signalProcessGroup } from '../core/runs/processLiveness';
import { EXIT_FILE, LOG_FILE, RUN_FILE, type ExitRecord } from '../core/runs/runRecord';
import { isSecretName } from '../core/runs/secretEnv';
import { childEnv } from './childEnv';

/** How long the command's leftover processes get after it exits, first to close its output, then after SIGTERM. */
const LEFTOVER_CLOSE_MS = 1_000;
const LEFTOVER_TERM_MS = 3_000;

/**
 * Runs the command of `<runDir>/run.json` in its own process group, appends its output to output.log (secret values
 * masked), forwards SIGINT/SIGTERM to the group and writes exit.json when it ends. Never truncates output.log.
 */
export function superviseRun(runDir: string): void {
  const logFd = openSync(join(runDir, LOG_FILE), 'a');
  const log = (text: string) => {
    if (text) writeSync(logFd, Buffer.from(text, 'latin1'));
  };
  const runPath = join(runDir, RUN_FILE);
  let record: Record<string, unknown> | undefined;
  let finished = false;
  let pgid: number | undefined;
  let pendingSignal: NodeJS.Signals | undefined;
  const forward = (signal: NodeJS.Signals) => {
    if (pgid === undefined) pendingSignal = signal;
    else signalProcessGroup(pgid, signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGHUP', () => undefined);

  const finish = (exit: Omit<ExitRecord, 'endTime'>) => {
    if (finished) return;
    finished = true;
    const endTime = new Date().toISOString();
    // run.json first: whoever sees exit.json (the outcome) also finds run.json final. An unreadable run.json is left as it is.
    if (record) writeJsonAtomicSync(runPath, { ...record, status: exit.code === 0 ? 'finished' : 'failed', endTime });
    writeJsonAtomicSync(join(runDir, EXIT_FILE), { code: exit.code, signal: exit.signal, endTime, ...(exit.error ? { error: exit.error } : {}) });
    closeSync(logFd);
    process.exit(0);
  };
  const cannotStart = (message: string) => {
    log(`laser-lab: ${message}\n`);
    finish({ code: 127, signal: null, error: message });
  };
  process.on('uncaughtException', (error) => log(`laser-lab supervisor: ${error.stack ?? error.message}\n`));

  try {
    const parsed: unknown = JSON.parse(readFileSync(runPath, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
    record = parsed as Record<string, unknown>;
  } catch (error) {
    cannotStart(`cannot read ${runPath}: ${(error as Error).message}`);
    return;
  }
  const argv = record.argv;
  const started = record;
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a): a is string => typeof a === 'string')) {
    cannotStart(`${runPath}: "argv" must be a non-empty array of strings`);
    return;
  }
  const cwd = typeof record.cwd === 'string' ? record.cwd : runDir;
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
    cannotStart(`cannot start "${argv[0]}": working folder not found: ${cwd}`);
    return;
  }
  const overrides = typeof record.env === 'object' && record.env !== null ? (record.env as Record<string, unknown>) : {};
  const env = childEnv(process.env, overrides);
  const secrets = Object.entries(env).filter(([name]) => isSecretName(name)).map(([, value]) => value);

  let child: ChildProcess;
  try {
    child = spawn(argv[0]!, argv.slice(1), { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    cannotStart(`cannot start "${argv[0]}": ${(error as Error).message}`);
    return;
  }
  for (const stream of [child.stdout!, child.stderr!]) {
    const redactor = new OutputRedactor(secrets);
    stream.setEncoding('latin1');
    stream.on('data', (chunk: string) => log(redactor.push(chunk)));
    stream.on('end', () => log(redactor.flush()));
  }
  child.on('error', (error: NodeJS.ErrnoException) => {
    if (pgid === undefined) cannotStart(`cannot start "${argv[0]}": ${error.code === 'ENOENT' ? 'command not found' : error.message}`);
    else log(`laser-lab supervisor: ${error.message}\n`);
  });
  child.on('spawn', () => {
    pgid = child.pid!;
    const self = readProcStat('self');
    const leader = readProcStat(pgid);
    record = {
      ...started,
      status: 'running',
      pid: process.pid,
      ...(self ? { pidStartTicks: self.startTicks } : {}),
      pgid,
      ...(leader ? { pgidStartTicks: leader.startTicks } : {}),
      startTime: new Date().toISOString(),
    };
    writeJsonAtomicSync(runPath, record);
    if (pendingSignal) signalProcessGroup(pgid, pendingSignal);
  });

  let stopping: Promise<void> | undefined;
  const stopLeftovers = () => (stopping ??= stopGroup(pgid!));
  child.on('exit', () => {
    // Processes the command left behind that still hold its output open would keep the run from ending.
    setTimeout(() => void stopLeftovers(), LEFTOVER_CLOSE_MS);
  });
  child.on('close', (code, signal) => {
    if (pgid === undefined) return;
    void stopLeftovers().then(() => finish({ code, signal }));
  });
}

/** Ends whatever is left of the command's group: SIGTERM, then SIGKILL. */
async function stopGroup(pgid: number): Promise<void> {
  if (processGroupMembers(pgid).length === 0) return;
  signalProcessGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + LEFTOVER_TERM_MS;
  while (processGroupMembers(pgid).length > 0) {
    if (Date.now() > deadline) {
      signalProcessGroup(pgid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
