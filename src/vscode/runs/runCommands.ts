import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { queryGpus } from '../../core/gpu/queryGpus';
import { splitOverrides, withResume } from '../../core/profiles/applyOverrides';
import { validateProfile } from '../../core/profiles/validateProfile';
import { KIND_DESCRIPTIONS, profileTemplate } from '../../core/profiles/profileTemplates';
import { PROFILE_KINDS } from '../../core/profiles/runProfile';
import { readJsonObject, runFile } from '../../core/runs/readRunFiles';
import { slugify } from '../../core/runs/runId';
import { stopRun } from '../../core/runs/stopRun';
import { launchProfile, loadProfile, type LaunchOptions } from './launchRun';
import { LogFollower } from './logFollower';
import type { RunItem, RunsTreeProvider } from './runsTreeProvider';

function workspaceDir(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function profilesDir(ws: string): string {
  return path.join(ws, '.laser', 'profiles');
}

async function pickProfile(ws: string, title: string): Promise<string | undefined> {
  const files = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.file(profilesDir(ws)), '*.json'));
  if (files.length === 0) {
    const choice = await vscode.window.showWarningMessage('LaSeR: no run profiles in .laser/profiles/ yet.', 'New Run Profile…');
    if (choice) await vscode.commands.executeCommand('laser.newRunProfile');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    files.sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map((uri) => ({ label: path.basename(uri.fsPath, '.json'), description: vscode.workspace.asRelativePath(uri), uri })),
    { title, placeHolder: 'Run profile' },
  );
  return pick?.uri.fsPath;
}

/** The command arguments: a profile file (Uri or path), else a quick pick. */
async function profileFrom(arg: unknown, title: string): Promise<{ ws: string; file: string } | undefined> {
  const ws = workspaceDir();
  if (!ws) {
    void vscode.window.showErrorMessage('LaSeR: open a folder first; runs live in its .laser/ folder.');
    return undefined;
  }
  const file = arg instanceof vscode.Uri ? arg.fsPath : typeof arg === 'string' ? path.resolve(ws, arg) : await pickProfile(ws, title);
  return file ? { ws, file } : undefined;
}

async function runFromArg(runs: RunsTreeProvider, arg: unknown): Promise<RunItem | undefined> {
  const id = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && 'id' in arg ? String(arg.id) : undefined;
  if (id) return runs.findRun(id);
  const all = await runs.getChildren();
  const pick = await vscode.window.showQuickPick(all.map((r) => ({ label: r.name, description: `${r.kind} · ${r.status}`, detail: r.id, run: r })), { placeHolder: 'Run' });
  return pick?.run;
}

/** The profile a run was started with (its run.json snapshot), ready to start again. */
async function profileOfRun(run: RunItem) {
  const file = await readJsonObject(runFile(run.dir));
  const snapshot = file.state === 'ok' ? file.value.profile : undefined;
  const parsed = validateProfile(snapshot);
  if (!parsed.ok) void vscode.window.showErrorMessage(`LaSeR: ${runFile(run.dir)}: its "profile" cannot be started again: ${parsed.errors[0]?.message ?? 'missing'}`);
  return parsed.ok ? { profile: parsed.profile, file: file.state === 'ok' && typeof file.value.profileFile === 'string' ? file.value.profileFile : runFile(run.dir) } : undefined;
}

/** Palette and Runs-view commands that create, start, stop and remove runs. */
export function registerRunCommands(extensionUri: vscode.Uri, runs: RunsTreeProvider, selectedGpus: { indices?: readonly number[] }): vscode.Disposable {
  const launch = async (arg: unknown, title: string, options: LaunchOptions, askOverrides = false) => {
    const target = await profileFrom(arg, title);
    if (!target) return undefined;
    const profile = await loadProfile(target.file);
    if (!profile) return undefined;
    let overrides = options.overrides;
    if (askOverrides && !overrides) {
      const typed = await vscode.window.showInputBox({ title, prompt: 'Overrides: key=value for verl (e.g. trainer.total_epochs=3), extra arguments for the reference trainer and scripts', placeHolder: 'actor_rollout_ref.actor.optim.lr=5e-7 trainer.save_freq=20' });
      if (typed === undefined) return undefined;
      overrides = splitOverrides(typed);
    }
    const created = await launchProfile({ extensionUri, workspaceDir: target.ws }, target.file, profile, {
      ...options, ...(overrides ? { overrides } : {}), ...(selectedGpus.indices ? { gpuIndices: selectedGpus.indices } : {}),
    });
    runs.refresh();
    if (created && !options.queue) await vscode.commands.executeCommand('laser.showMetrics', created.id);
    return created?.id;
  };

  const logs = new LogFollower();
  return vscode.Disposable.from(
    vscode.commands.registerCommand('laser.newRunProfile', async () => {
      const ws = workspaceDir();
      if (!ws) return void vscode.window.showErrorMessage('LaSeR: open a folder first.');
      const kind = await vscode.window.showQuickPick(PROFILE_KINDS.map((k) => ({ label: k, detail: KIND_DESCRIPTIONS[k] })), { title: 'LaSeR: New Run Profile', placeHolder: 'Kind of run' });
      if (!kind) return;
      const name = await vscode.window.showInputBox({ title: 'LaSeR: New Run Profile', prompt: 'Name', value: kind.label === 'verl-laser' ? 'laser-qwen2.5-7b' : kind.label });
      if (!name) return;
      await mkdir(profilesDir(ws), { recursive: true });
      const file = path.join(profilesDir(ws), `${slugify(name)}.json`);
      await writeFile(file, `${JSON.stringify(profileTemplate(kind.label as (typeof PROFILE_KINDS)[number], name), null, 2)}\n`, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      await vscode.window.showTextDocument(vscode.Uri.file(file));
    }),
    vscode.commands.registerCommand('laser.startRun', (arg?: unknown, options?: LaunchOptions) => launch(arg, 'LaSeR: Start Run', options ?? {})),
    vscode.commands.registerCommand('laser.startRunWithOverrides', (arg?: unknown, options?: LaunchOptions) => launch(arg, 'LaSeR: Start Run with Overrides', options ?? {}, true)),
    vscode.commands.registerCommand('laser.queueRun', (arg?: unknown, options?: LaunchOptions) => launch(arg, 'LaSeR: Queue Run', { ...options, queue: true })),
    vscode.commands.registerCommand('laser.stopRun', async (arg?: unknown) => {
      const run = await runFromArg(runs, arg);
      if (!run) return undefined;
      const config = vscode.workspace.getConfiguration('laser.stop');
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `LaSeR: stopping ${run.name}…` }, () =>
        stopRun(run, { graceMs: config.get<number>('graceSeconds', 10) * 1000, killMs: config.get<number>('killSeconds', 30) * 1000 }),
      );
      runs.refresh();
      if (!result.stopped && result.reason) void vscode.window.showWarningMessage(`LaSeR: ${run.name}: ${result.reason}`);
      return result;
    }),
    vscode.commands.registerCommand('laser.restartRun', async (arg?: unknown, options?: LaunchOptions) => {
      const run = await runFromArg(runs, arg);
      const source = run && (await profileOfRun(run));
      const ws = workspaceDir();
      if (!source || !ws) return undefined;
      const created = await launchProfile({ extensionUri, workspaceDir: ws }, source.file, source.profile, options ?? {});
      runs.refresh();
      return created?.id;
    }),
    vscode.commands.registerCommand('laser.resumeRun', async (arg?: unknown, options?: LaunchOptions) => {
      const run = await runFromArg(runs, arg);
      const source = run && (await profileOfRun(run));
      const ws = workspaceDir();
      if (!source || !ws) return undefined;
      const created = await launchProfile({ extensionUri, workspaceDir: ws }, source.file, withResume(source.profile), options ?? {});
      runs.refresh();
      return created?.id;
    }),
    logs,
    vscode.commands.registerCommand('laser.openRunLog', async (arg?: unknown) => {
      const run = await runFromArg(runs, arg);
      if (run) await logs.open(vscode.Uri.file(path.join(run.dir, 'output.log')));
    }),
    vscode.commands.registerCommand('laser.revealRunFolder', async (arg?: unknown) => {
      const run = await runFromArg(runs, arg);
      if (run) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(path.join(run.dir, 'run.json')));
    }),
    vscode.commands.registerCommand('laser.deleteRun', async (arg?: unknown, options?: { confirmed?: boolean }) => {
      const run = await runFromArg(runs, arg);
      if (!run) return false;
      if (run.status === 'running') {
        void vscode.window.showWarningMessage(`LaSeR: ${run.name} is running; stop it before deleting it.`);
        return false;
      }
      const ok = options?.confirmed || (await vscode.window.showWarningMessage(`Delete run ${run.name}?`, { modal: true, detail: `${run.dir} and everything in it (log, checkpoints written there) will be removed.` }, 'Delete')) === 'Delete';
      if (!ok) return false;
      await rm(run.dir, { recursive: true, force: true });
      runs.refresh();
      return true;
    }),
    vscode.commands.registerCommand('laser.selectGpus', async () => {
      const result = await queryGpus();
      if (!result.available) {
        void vscode.window.showInformationMessage(`LaSeR: ${result.reason}. CPU runs of reference and script profiles still work.`);
        return undefined;
      }
      const picks = await vscode.window.showQuickPick(
        result.gpus.map((g) => ({
          label: `GPU ${g.index}: ${g.name}`,
          description: `${g.utilizationPercent ?? '?'}% · ${g.memoryUsedMiB ?? '?'}/${g.memoryTotalMiB ?? '?'} MiB`,
          index: g.index,
          picked: selectedGpus.indices?.includes(g.index) ?? false,
        })),
        { canPickMany: true, title: 'LaSeR: GPUs for the next runs (CUDA_VISIBLE_DEVICES)' },
      );
      if (picks) selectedGpus.indices = picks.length ? picks.map((p) => p.index) : undefined;
      return selectedGpus.indices;
    }),
  );
}
