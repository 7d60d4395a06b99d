import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { withOverrides } from '../../core/profiles/applyOverrides';
import { buildRunCommand } from '../../core/profiles/buildRunCommand';
import { nodeProbes } from '../../core/profiles/nodeProbes';
import { readProfileFile } from '../../core/profiles/parseProfile';
import { checkBeforeStart } from '../../core/profiles/preStartChecks';
import { formatProfileError } from '../../core/profiles/profileError';
import type { RunProfile } from '../../core/profiles/runProfile';
import { createRun, type CreatedRun } from '../../core/runs/createRun';
import { startRun } from '../../core/runs/startRun';
import { defaultSupervisorPath } from '../../core/runs/supervisorPath';
import { decideLaunch } from '../../core/trust/launchGuard';
import { readSettings } from '../settings';

export interface LaunchOptions {
  /** Items appended as overrides (verl) or arguments (reference, script). */
  readonly overrides?: readonly string[];
  /** Skip the "Start this command?" confirmation (tests, and Restart/Resume which show their own). */
  readonly confirmed?: boolean;
  /** GPU indices chosen in the GPU picker. */
  readonly gpuIndices?: readonly number[];
  /** Create the run folder but do not start it (the queue starts it when its GPUs are free). */
  readonly queue?: boolean;
}

export interface LaunchContext {
  readonly extensionUri: vscode.Uri;
  readonly workspaceDir: string;
}

/** Shell-like display of an argv, for the confirmation (never executed as a string). */
export function displayArgv(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Reads and checks a profile; on a problem the user sees which file, line and field, and undefined is returned. */
export async function loadProfile(file: string): Promise<RunProfile | undefined> {
  const parsed = await readProfileFile(file);
  if (parsed.ok) return parsed.profile;
  const [first, ...rest] = parsed.errors.map(formatProfileError);
  const choice = await vscode.window.showErrorMessage(`LaSeR: ${first}${rest.length ? ` (and ${rest.length} more)` : ''}`, { detail: rest.join('\n') }, 'Open Profile');
  if (choice === 'Open Profile') {
    const line = Math.max(0, (parsed.errors[0]?.line ?? 1) - 1);
    await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(line, 0, line, 0) });
  }
  return undefined;
}

/** Validates, checks the machine, confirms the exact command, then creates and starts (or queues) the run. */
export async function launchProfile(context: LaunchContext, file: string, profileIn: RunProfile, options: LaunchOptions = {}): Promise<CreatedRun | undefined> {
  const decision = decideLaunch(vscode.workspace.isTrusted, 'start a run');
  if (!decision.allowed) {
    void vscode.window.showErrorMessage(decision.message);
    return undefined;
  }
  const profile = withOverrides(profileIn, options.overrides ?? []);
  const { pythonPath } = readSettings();
  const python = profile.python ?? pythonPath;
  const packageRoot = vscode.Uri.joinPath(context.extensionUri, 'python').fsPath;
  const issues = await checkBeforeStart(profile, { workspaceDir: context.workspaceDir, home: homedir(), python }, nodeProbes());
  const errors = issues.filter((i) => i.severity === 'error').map((i) => `${i.field ? `${i.field}: ` : ''}${i.message}`);
  const warnings = issues.filter((i) => i.severity === 'warning').map((i) => `${i.field ? `${i.field}: ` : ''}${i.message}`);
  if (errors.length > 0) {
    void vscode.window.showErrorMessage(`LaSeR: ${file}: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, { detail: errors.join('\n') });
    return undefined;
  }
  const preview = buildRunCommand(profile, { workspaceDir: context.workspaceDir, runDir: '<run folder>', python, packageRoot, ...(options.gpuIndices ? { gpuIndices: options.gpuIndices } : {}) });
  if (!options.confirmed) {
    const action = options.queue ? 'Queue' : 'Start';
    const detail = [displayArgv(preview.argv), `in ${preview.cwd}`, ...warnings.map((w) => `⚠ ${w}`)].join('\n\n');
    const choice = await vscode.window.showInformationMessage(`${action} this run?`, { modal: true, detail }, action);
    if (choice !== action) return undefined;
  }
  const created = await createRun(context.workspaceDir, profile, {
    profileFile: file, python, packageRoot, ...(readSettings().runsDir ? { runsDir: readSettings().runsDir } : {}),
    ...(options.gpuIndices ? { gpuIndices: options.gpuIndices } : {}),
  });
  if (options.queue) return created;
  try {
    await startRun(created, { supervisorPath: defaultSupervisorPath(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath) });
  } catch (error) {
    void vscode.window.showErrorMessage(`LaSeR: could not start ${created.id}: ${(error as Error).message}`);
  }
  return created;
}
