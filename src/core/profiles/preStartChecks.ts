import type { GpuQueryResult } from '../gpu/gpuInfo';
import { DEFAULT_PYTHON, resolveProfilePath } from './buildRunCommand';
import { isVerlProfile, type RunProfile, type VerlProfile } from './runProfile';

export interface PreStartIssue {
  /** An error stops the launch; a warning is shown and the run may start. */
  readonly severity: 'error' | 'warning';
  /** The profile field at fault, when there is one (`model`, `trainFiles[1]`, `gpus`). */
  readonly field?: string;
  readonly message: string;
}

/** Everything the checks ask of the machine, so tests can answer instead of it. */
export interface PreStartProbes {
  pathExists(path: string): Promise<boolean>;
  /** The absolute path of an executable (a path, or a command looked up on PATH), or undefined. */
  findExecutable(command: string, cwd: string): Promise<string | undefined>;
  /** Whether `python` can import `module` (found without importing it), with a reason when not. */
  moduleAvailable(python: string, module: string, cwd: string): Promise<{ readonly available: boolean; readonly detail?: string }>;
  gpus(): Promise<GpuQueryResult>;
}

export interface PreStartContext {
  readonly workspaceDir: string;
  /** Interpreter when the profile names none. */
  readonly python?: string;
  readonly home: string;
}

/** verl's own default for trainer.n_gpus_per_node. */
const VERL_DEFAULT_GPUS_PER_NODE = 8;
const SHELL_CHARACTERS = /[\s;&|<>()$`\\"'*?[\]#~!{}]/;

/** Problems that would make the run fail at once: missing paths (by field), no interpreter, no verl, too few GPUs. */
export async function checkBeforeStart(profile: RunProfile, context: PreStartContext, probes: PreStartProbes): Promise<PreStartIssue[]> {
  const issues: PreStartIssue[] = [];
  const cwd = profile.cwd === undefined ? context.workspaceDir : resolveProfilePath(profile.cwd, context.workspaceDir, context.home);
  if (!(await probes.pathExists(cwd))) {
    issues.push({ severity: 'error', field: 'cwd', message: `working folder not found: ${cwd}` });
    return issues;
  }
  const local = (profile.launcher ?? 'local') === 'local';
  const path = (p: string) => resolveProfilePath(p, cwd, context.home);
  // On a cluster the paths and packages are the cluster's; a missing one here is only worth a warning.
  const missing: PreStartIssue['severity'] = local ? 'error' : 'warning';

  if (!local) {
    const launcher = profile.launcher === 'ray-job' ? 'ray' : 'srun';
    if (!(await probes.findExecutable(launcher, cwd))) issues.push({ severity: 'error', field: 'launcher', message: `${launcher} not found on PATH (needed by launcher ${profile.launcher})` });
  }

  if (profile.kind === 'script') {
    const command = profile.argv[0]!;
    if (local && !(await probes.findExecutable(command, cwd))) issues.push({ severity: 'error', field: 'argv[0]', message: `command not found: ${command}` });
  } else {
    const python = profile.python ?? context.python ?? DEFAULT_PYTHON;
    const field = profile.python === undefined ? undefined : 'python';
    const found = local ? await probes.findExecutable(python, cwd) : python;
    if (!found) issues.push({ severity: 'error', ...(field ? { field } : {}), message: `Python interpreter not found: ${python}` });
    else if (local && isVerlProfile(profile)) {
      const verl = await probes.moduleAvailable(python, 'verl', cwd);
      if (!verl.available) issues.push({ severity: 'error', ...(field ? { field } : {}), message: `verl is not importable with ${python}${verl.detail ? `: ${verl.detail}` : ''}` });
    }
  }

  if (isVerlProfile(profile)) issues.push(...(await verlPathIssues(profile, path, probes, missing)));
  if (profile.kind === 'reference' && profile.config !== undefined && !(await probes.pathExists(path(profile.config)))) {
    issues.push({ severity: missing, field: 'config', message: `config file not found: ${profile.config}` });
  }
  if (profile.launcher === 'ray-job') issues.push(...rayShellIssues(profile));
  if (local) issues.push(...(await gpuIssues(profile, probes)));
  return issues;
}

async function verlPathIssues(profile: VerlProfile, path: (p: string) => string, probes: PreStartProbes, severity: PreStartIssue['severity']): Promise<PreStartIssue[]> {
  const issues: PreStartIssue[] = [];
  const model = path(profile.model);
  // `org/name` that is not a local folder is a Hugging Face Hub id, which verl downloads.
  if (!isRemote(profile.model) && !(await probes.pathExists(model)) && !/^[\w.-]+\/[\w.-]+$/.test(profile.model)) {
    issues.push({ severity, field: 'model', message: `model not found: ${profile.model}` });
  }
  const files: [string, string | readonly string[] | undefined][] = [
    ['trainFiles', profile.trainFiles],
    ['valFiles', profile.valFiles],
    ['lengthPenalty.monitorFiles', profile.kind === 'verl-laser-length' ? profile.lengthPenalty.monitorFiles : undefined],
  ];
  for (const [field, value] of files) {
    if (value === undefined) continue;
    const list = typeof value === 'string' ? [value] : value;
    for (const [i, file] of list.entries()) {
      if (isRemote(file) || (await probes.pathExists(path(file)))) continue;
      issues.push({ severity, field: typeof value === 'string' ? field : `${field}[${i}]`, message: `data file not found: ${file}` });
    }
  }
  if (profile.kind === 'verl-laser-length' && profile.lengthPenalty.method !== 'larse' && profile.lengthPenalty.monitorFiles === undefined) {
    issues.push({
      severity: 'warning',
      field: 'lengthPenalty.monitorFiles',
      message: `${profile.lengthPenalty.method} adapts target lengths from a monitor set; without monitorFiles it keeps the fixed targetLength`,
    });
  }
  return issues;
}

async function gpuIssues(profile: RunProfile, probes: PreStartProbes): Promise<PreStartIssue[]> {
  const verl = isVerlProfile(profile);
  const wantsCuda = profile.kind === 'reference' && profile.device !== undefined && profile.device.startsWith('cuda');
  if (profile.gpus === undefined && !verl && !wantsCuda) return [];
  const query = await probes.gpus();
  const count = query.available ? query.gpus.length : 0;
  const detail = query.available ? '' : ` (${query.detail ?? query.reason})`;
  if (count === 0) {
    return [{ severity: 'error', ...(profile.gpus === undefined ? {} : { field: 'gpus' }), message: `no GPU found${detail}; this run needs one` }];
  }
  const issues: PreStartIssue[] = [];
  if (Array.isArray(profile.gpus)) {
    const known = new Set(query.available ? query.gpus.map((g) => g.index) : []);
    profile.gpus.forEach((index, i) => {
      if (!known.has(index)) issues.push({ severity: 'error', field: `gpus[${i}]`, message: `GPU ${index} does not exist; this machine has ${count} GPU(s)` });
    });
  } else if (typeof profile.gpus === 'number' && profile.gpus > count) {
    issues.push({ severity: 'error', field: 'gpus', message: `${profile.gpus} GPUs requested but this machine has ${count}` });
  }
  if (verl) {
    const available = profile.gpus === undefined ? count : typeof profile.gpus === 'number' ? profile.gpus : profile.gpus.length;
    const perNode = profile.gpusPerNode ?? (profile.gpus === undefined ? VERL_DEFAULT_GPUS_PER_NODE : available);
    if (perNode > available) {
      issues.push({
        severity: 'error',
        field: 'gpusPerNode',
        message: `${perNode} GPUs per node requested${profile.gpusPerNode === undefined ? ' (verl\'s default)' : ''} but the run has ${available}`,
      });
    }
  }
  return issues;
}

function rayShellIssues(profile: RunProfile): PreStartIssue[] {
  if (profile.kind !== 'script') return [];
  return profile.argv.flatMap((arg, i) =>
    SHELL_CHARACTERS.test(arg) ? [{ severity: 'error' as const, field: `argv[${i}]`, message: 'Ray runs a job\'s entrypoint through a shell; this argument has shell characters' }] : [],
  );
}

function isRemote(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path);
}
