import { constants, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatProfileError } from '../profiles/profileError';
import { nodeProbes } from '../profiles/nodeProbes';
import { readProfileFile } from '../profiles/parseProfile';
import { checkBeforeStart, type PreStartProbes } from '../profiles/preStartChecks';
import { createRun, defaultRunsDir } from '../runs/createRun';
import { followRun } from '../runs/followRun';
import { listRuns, readRun } from '../runs/listRuns';
import { startRun } from '../runs/startRun';
import { NOT_STARTED, stopRun, type StopRunOptions } from '../runs/stopRun';
import { defaultPythonPackageRoot } from '../runs/pythonPackageRoot';
import { defaultSupervisorPath } from '../runs/supervisorPath';

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

/** What tests (and the CLI entry) may replace; the defaults are the real ones. */
export interface RunCommandOptions {
  /** The workspace: runs go to `<cwd>/.laser/runs`. */
  readonly cwd?: string;
  readonly supervisorPath?: string;
  readonly python?: string;
  /** Put first on PYTHONPATH for `reference` runs. */
  readonly packageRoot?: string;
  readonly probes?: PreStartProbes;
  readonly stop?: StopRunOptions;
  readonly pollMs?: number;
}

const RUN_USAGE = 'usage: laser-lab run <profile-file> [--detach] [--skip-checks]\n';

/**
 * `laser-lab run <profile-file> [--detach] [--skip-checks]`: validates the profile, checks the machine, creates the
 * run under `<cwd>/.laser/runs/` and starts it. Attached, it streams output.log and returns the run's exit code
 * (128 + signal number when a signal ended it); detached, it returns once the run started and prints its id last.
 */
export async function runCommand(args: readonly string[], io: CommandIo, options: RunCommandOptions = {}): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const positional = args.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => f !== '--detach' && f !== '--skip-checks');
  if (positional.length !== 1 || unknown.length > 0) {
    io.err(`${unknown.length ? `laser-lab run: unknown option ${unknown.join(', ')}\n` : ''}${RUN_USAGE}`);
    return 2;
  }
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, positional[0]!);
  const parsed = await readProfileFile(file);
  if (!parsed.ok) {
    for (const error of parsed.errors) io.err(`${formatProfileError(error)}\n`);
    return 2;
  }
  const profile = parsed.profile;
  if (!flags.has('--skip-checks')) {
    const issues = await checkBeforeStart(profile, { workspaceDir: cwd, home: homedir(), ...(options.python ? { python: options.python } : {}) }, options.probes ?? nodeProbes());
    for (const issue of issues) io.err(`${file}: ${issue.severity}: ${issue.field ? `${issue.field}: ` : ''}${issue.message}\n`);
    if (issues.some((i) => i.severity === 'error')) return 1;
  }
  const packageRoot = options.packageRoot ?? defaultPythonPackageRoot();
  const run = await createRun(cwd, profile, { profileFile: file, packageRoot, ...(options.python ? { python: options.python } : {}) });
  try {
    await startRun(run, { supervisorPath: options.supervisorPath ?? defaultSupervisorPath() });
  } catch (error) {
    io.err(`laser-lab run: ${(error as Error).message}\n`);
    return 1;
  }
  if (flags.has('--detach')) {
    io.out(`started ${run.dir}\n${run.id}\n`);
    return 0;
  }
  io.err(`laser-lab: run ${run.id} (${run.dir}); Ctrl-C stops following, the run goes on (laser-lab stop ${run.id})\n`);
  const outcome = await followRun(run.dir, (text) => io.out(text), { pollMs: options.pollMs ?? 100 });
  if (!outcome.ended) {
    io.err(`laser-lab: run ${run.id} is lost: ${outcome.lost}\n`);
    return 1;
  }
  const { code, signal } = outcome.exit;
  if (code !== null) return code;
  const number = signal ? constants.signals[signal as NodeJS.Signals] : undefined;
  return number === undefined ? 1 : 128 + number;
}

/** `laser-lab runs [--json]`: the runs under `<cwd>/.laser/runs`, newest first. */
export async function runsCommand(args: readonly string[], io: CommandIo, options: RunCommandOptions = {}): Promise<number> {
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length > 0) {
    io.err('usage: laser-lab runs [--json]\n');
    return 2;
  }
  const runs = await listRuns(defaultRunsDir(options.cwd ?? process.cwd()));
  if (args.includes('--json')) {
    const rows = runs.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      status: r.status,
      exitCode: r.exitCode ?? null,
      signal: r.signal ?? null,
      dir: r.dir,
      startTime: r.startTime ?? null,
      endTime: r.endTime ?? null,
      pid: r.pid ?? null,
      ...(r.problem ? { problem: r.problem } : {}),
    }));
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (runs.length === 0) io.out('no runs\n');
  for (const r of runs) {
    const exit = r.exitCode !== undefined && r.exitCode !== null ? ` (exit ${r.exitCode})` : r.signal ? ` (${r.signal})` : '';
    io.out(`${r.id}  ${r.status}${exit}  ${r.kind}  ${r.name}${r.problem ? `  — ${r.problem}` : ''}\n`);
  }
  return 0;
}

/** `laser-lab stop <run-id>`: SIGINT to the run's process group, then SIGTERM and SIGKILL; returns when it is gone. */
export async function stopCommand(args: readonly string[], io: CommandIo, options: RunCommandOptions = {}): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    io.err('usage: laser-lab stop <run-id>\n');
    return 2;
  }
  const id = args[0]!;
  const dir = join(defaultRunsDir(options.cwd ?? process.cwd()), id);
  if (id.includes('/') || id.includes('\\') || id === '..' || !(await readRun(dir, { tailLines: 0 }))) {
    io.err(`laser-lab stop: no run "${id}" in ${defaultRunsDir(options.cwd ?? process.cwd())}\n`);
    return 1;
  }
  const result = await stopRun({ dir }, options.stop);
  if (!result.stopped && result.reason === NOT_STARTED) {
    io.out(`${id}: ${NOT_STARTED}\n`);
    return 0;
  }
  if (!result.stopped) {
    io.err(`laser-lab stop: ${id}: ${result.reason ?? 'could not stop the run'}\n`);
    return 1;
  }
  io.out(`${id}: ${result.signals.length ? `stopped (${result.signals.join(' → ')})` : result.reason ?? 'stopped'}\n`);
  return 0;
}
