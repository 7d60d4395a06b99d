import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { buildRunCommand, type CommandContext } from '../profiles/buildRunCommand';
import type { RunProfile } from '../profiles/runProfile';
import { writeJsonAtomic } from './atomicWrite';
import { runId } from './runId';
import { RUN_FILE, type RunRecord } from './runRecord';
import { redactEnv, secretEntries } from './secretEnv';

export interface CreateRunOptions {
  /** Default `<workspace>/.laser/runs`. */
  readonly runsDir?: string;
  /** The profile's file, recorded in run.json and used for the name when the profile has none. */
  readonly profileFile?: string;
  readonly python?: string;
  readonly packageRoot?: string;
  readonly gpuIndices?: readonly number[];
  readonly baseEnv?: CommandContext['baseEnv'];
  readonly now?: Date;
  readonly host?: string;
}

export interface CreatedRun {
  readonly id: string;
  readonly dir: string;
  readonly record: RunRecord;
  /** The secret variables' real values, never written to disk: give them to startRun. */
  readonly secretEnv: Readonly<Record<string, string>>;
}

export function defaultRunsDir(workspaceDir: string): string {
  return join(workspaceDir, '.laser', 'runs');
}

/** Makes a new run folder with a unique readable id and its run.json (status "queued"); nothing is started yet. */
export async function createRun(workspaceDir: string, profile: RunProfile, options: CreateRunOptions = {}): Promise<CreatedRun> {
  const runsDir = options.runsDir ?? defaultRunsDir(workspaceDir);
  const now = options.now ?? new Date();
  const name = profile.name ?? (options.profileFile ? basename(options.profileFile).replace(/\.json$/i, '') : profile.kind);
  await mkdir(runsDir, { recursive: true });
  const { id, dir } = await claimFolder(runsDir, now, name);
  const command = buildRunCommand(profile, {
    workspaceDir,
    runDir: dir,
    ...(options.python ? { python: options.python } : {}),
    ...(options.packageRoot ? { packageRoot: options.packageRoot } : {}),
    ...(options.gpuIndices ? { gpuIndices: options.gpuIndices } : {}),
    baseEnv: options.baseEnv ?? process.env,
  });
  const record: RunRecord = {
    version: 1,
    id,
    name,
    kind: profile.kind,
    profile: profile.env ? { ...profile, env: redactEnv(profile.env) } : profile,
    ...(options.profileFile ? { profileFile: options.profileFile } : {}),
    argv: command.argv,
    cwd: command.cwd,
    env: redactEnv(command.env),
    gpus: command.gpus,
    host: options.host ?? hostname(),
    startTime: now.toISOString(),
    status: 'queued',
  };
  await writeJsonAtomic(join(dir, RUN_FILE), record);
  return { id, dir, record, secretEnv: secretEntries(command.env) };
}

/** mkdir without `recursive` fails when the folder exists, so two runs started in the same second get different ids. */
async function claimFolder(runsDir: string, now: Date, name: string): Promise<{ id: string; dir: string }> {
  for (let attempt = 1; ; attempt++) {
    const id = runId(now, name, attempt);
    const dir = join(runsDir, id);
    try {
      await mkdir(dir);
      return { id, dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 1000) throw error;
    }
  }
}
