import { delimiter, isAbsolute, resolve } from 'node:path';
import { cudaVisibleDevices } from '../gpu/cudaVisibleDevices';
import { launcherArgv } from './launcherArgv';
import { isVerlProfile, type ReferenceProfile, type RunProfile } from './runProfile';
import { buildVerlArgv } from './verlArgv';

export const DEFAULT_PYTHON = 'python3';
export const REFERENCE_MODULE = 'laser_lab.train';

export interface CommandContext {
  readonly workspaceDir: string;
  /** The run's folder: the reference trainer writes there unless the profile names `out`. */
  readonly runDir: string;
  /** Interpreter when the profile names none (the `laser.pythonPath` setting). */
  readonly python?: string;
  /** Folder holding the `laser_lab` package, put first on PYTHONPATH for reference runs. */
  readonly packageRoot?: string;
  /** Devices picked for a profile that asks for a GPU count (e.g. the least busy ones); the first N otherwise. */
  readonly gpuIndices?: readonly number[];
  /** The environment the command will inherit, to extend its PYTHONPATH. */
  readonly baseEnv?: Readonly<Record<string, string | undefined>>;
}

/** What the supervisor starts: an argv array (never a shell string), its folder and the variables set on top of the inherited ones. */
export interface RunCommand {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Devices in CUDA_VISIBLE_DEVICES, or null when the run does not pin GPUs. */
  readonly gpus: readonly number[] | null;
}

export function buildRunCommand(profile: RunProfile, context: CommandContext): RunCommand {
  const python = profile.python ?? context.python ?? DEFAULT_PYTHON;
  const cwd = profile.cwd === undefined ? context.workspaceDir : resolve(context.workspaceDir, profile.cwd);
  const launcher = profile.launcher ?? 'local';
  const gpus = launcher === 'local' ? resolveGpus(profile.gpus, context.gpuIndices) : null;
  const env: Record<string, string> = { PYTHONUNBUFFERED: '1' };
  if (gpus) env.CUDA_VISIBLE_DEVICES = cudaVisibleDevices(gpus);

  let argv: string[];
  if (isVerlProfile(profile)) {
    argv = buildVerlArgv(profile, python, gpus?.length ?? (typeof profile.gpus === 'number' ? profile.gpus : undefined));
  } else if (profile.kind === 'reference') {
    argv = referenceArgv(profile, python, context.runDir);
    if (context.packageRoot) {
      env.PYTHONPATH = [context.packageRoot, context.baseEnv?.PYTHONPATH].filter(Boolean).join(delimiter);
    }
  } else {
    argv = [...profile.argv];
  }
  return { argv: launcherArgv(launcher, profile.launcherArgs ?? [], argv), cwd, env: { ...env, ...profile.env }, gpus };
}

function referenceArgv(p: ReferenceProfile, python: string, runDir: string): string[] {
  const flag = (name: string, value: string | number | undefined): string[] => (value === undefined ? [] : [`--${name}`, String(value)]);
  return [
    python, '-m', REFERENCE_MODULE,
    ...flag('config', p.config), ...flag('init', p.init), ...flag('task', p.task), ...flag('steps', p.steps),
    ...flag('device', p.device), ...flag('seed', p.seed), '--out', p.out ?? runDir,
    ...(p.args ?? []),
  ];
}

/** The devices a run gets: explicit indices, or N of them (picked ones, else 0..N-1); null when the profile names none. */
export function resolveGpus(gpus: RunProfile['gpus'], picked?: readonly number[]): number[] | null {
  if (gpus === undefined) return null;
  if (typeof gpus !== 'number') return [...gpus];
  if (picked && picked.length >= gpus) return picked.slice(0, gpus);
  return Array.from({ length: gpus }, (_, i) => i);
}

/** A profile path relative to the command's folder, `~` meaning the home folder. */
export function resolveProfilePath(path: string, cwd: string, home: string): string {
  if (path === '~' || path.startsWith('~/')) return resolve(home, path.slice(2));
  return isAbsolute(path) ? path : resolve(cwd, path);
}
