import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { latestCheckpoint } from '../../core/scoring/latestCheckpoint';
import { ModelFolderError, readModelInfo } from '../../core/scoring/modelFolder';
import { ScoringCancelled } from '../../core/scoring/onnxScorer';
import { cachedScores, scoreSolutionsFile, ScoringError, type ScoreFileResult, type ScoringBackend } from '../../core/scoring/scoreSolutionsFile';
import type { ScoreSettings } from '../../core/scoring/scoreSettings';
import { SolutionsFileError } from '../../core/scoring/solutionsFile';
import { decideLaunch } from '../../core/trust/launchGuard';
import { readSettings } from '../settings';

/** What tests (and other commands) may pass instead of answering the pickers. */
export interface ScoreSolutionsFileOptions {
  readonly modelDir?: string;
  readonly backend?: ScoringBackend;
  readonly settings?: Partial<ScoreSettings>;
  /** Write a scored copy to this path without asking. */
  readonly scoredCopy?: string;
  /** Padded tokens per forward pass (default 8192). */
  readonly batchTokens?: number;
}

function workspaceDir(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

async function pickFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && /\.jsonl?$/.test(active.fsPath)) return active;
  const picked = await vscode.window.showOpenDialog({ title: 'LaSeR: solutions file to score', canSelectMany: false, filters: { 'LaSeR eval JSONL': ['jsonl', 'json'] } });
  return picked?.[0];
}

/** A model folder from a dialog, or one run's latest checkpoint (the Runs view's runs folder). */
async function pickModel(): Promise<string | undefined> {
  const runsDir = readSettings().runsDir;
  const runs: { label: string; description: string; dir: string }[] = [];
  if (runsDir) {
    const names = await readdir(runsDir).catch(() => [] as string[]);
    for (const name of names.sort().reverse()) {
      const checkpoint = await latestCheckpoint(path.join(runsDir, name));
      if (checkpoint) runs.push({ label: `$(history) ${name}`, description: path.relative(path.join(runsDir, name), checkpoint), dir: checkpoint });
    }
  }
  const browse = { label: '$(folder-opened) Model folder…', description: 'an exported ONNX folder or a Hugging Face checkpoint', dir: '' };
  const choice = runs.length ? await vscode.window.showQuickPick([browse, ...runs], { title: 'LaSeR: score with which model?' }) : browse;
  if (!choice) return undefined;
  if (choice.dir) return choice.dir;
  const picked = await vscode.window.showOpenDialog({ title: 'LaSeR: model folder', canSelectFolders: true, canSelectFiles: false, canSelectMany: false });
  return picked?.[0]?.fsPath;
}

async function pickBackend(kind: 'onnx' | 'hf'): Promise<ScoringBackend | undefined> {
  if (kind === 'onnx') return 'onnx';
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'transformers', description: 'PyTorch, batched by token budget (CPU or GPU)', backend: 'transformers' as const },
      { label: 'vLLM', description: 'prompt log-probs with prefix caching (GPU)', backend: 'vllm' as const },
    ],
    { title: 'LaSeR: Hugging Face checkpoint — score with which Python backend?' },
  );
  return choice?.backend;
}

function describe(result: ScoreFileResult, file: string): string {
  const { sidecar } = result;
  const scores = sidecar.lines.flatMap((l) => l.scores).filter((s): s is number => s !== null);
  const mean = scores.length ? (scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(3) : '—';
  const problems = sidecar.lineErrors.length + sidecar.counts.responseErrors;
  return `LaSeR: ${result.cacheHit ? 'cached scores for' : 'scored'} ${path.basename(file)}: ${sidecar.counts.scored} responses, mean score ${mean}` +
    `${problems ? `, ${problems} not scored` : ''}${sidecar.counts.truncated ? `, ${sidecar.counts.truncated} cut to the model's context` : ''}.`;
}

/**
 * "LaSeR: Score Solutions File…": picks the file, the model (a folder or a run's latest checkpoint) and the backend
 * (ONNX in a worker thread for an exported folder; transformers/vLLM through Python for a HF checkpoint), then scores
 * with a cancellable progress notification. The result lands in `.laser/scores/`; a file scored before with the same
 * model and settings is served from there without running anything.
 */
export async function scoreSolutionsFileCommand(extensionUri: vscode.Uri, output: vscode.OutputChannel, uri?: vscode.Uri,
  options: ScoreSolutionsFileOptions = {}): Promise<ScoreFileResult | undefined> {
  const ws = workspaceDir();
  if (!ws) {
    void vscode.window.showErrorMessage('LaSeR: open a folder first; scores are cached in its .laser/scores/.');
    return undefined;
  }
  const file = uri ?? (await pickFile());
  if (!file) return undefined;
  const modelDir = options.modelDir ?? (await pickModel());
  if (!modelDir) return undefined;
  const settings = readSettings();
  try {
    const model = await readModelInfo(modelDir);
    const backend = options.backend ?? (await pickBackend(model.kind));
    if (!backend) return undefined;
    const { tokenId, beta, cRef } = settings.selfReward;
    const request = {
      file: file.fsPath, modelDir: model.dir, laserDir: path.join(ws, '.laser'), backend,
      settings: options.settings ?? {}, fallback: { tokenId, beta, cRef },
      ...(options.scoredCopy ? { scoredCopy: options.scoredCopy } : {}),
      ...(options.batchTokens ? { batchTokens: options.batchTokens } : {}),
      workerPath: vscode.Uri.joinPath(extensionUri, 'dist', 'scoreWorker.js').fsPath,
      python: { python: settings.pythonPath, packageRoot: vscode.Uri.joinPath(extensionUri, 'python').fsPath },
    };
    const cached = await cachedScores(request);
    if (!cached && backend !== 'onnx') {
      // A cached result needs no process, and the ONNX path starts none (onnxruntime runs in a worker thread), so it stays available in Restricted Mode.
      const decision = decideLaunch(vscode.workspace.isTrusted, 'start the Python scoring worker');
      if (!decision.allowed) {
        void vscode.window.showErrorMessage(decision.message);
        return undefined;
      }
    }
    const result = cached ?? await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `LaSeR: scoring ${path.basename(file.fsPath)} (${backend})`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const cancel = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          return await scoreSolutionsFile({
            ...request,
            signal: abort.signal,
            onProgress: (done, total) => {
              const percent = total ? (100 * done) / total : 100;
              progress.report({ message: `${done}/${total} responses`, increment: percent - reported });
              reported = percent;
            },
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    const { sidecar } = result;
    for (const e of sidecar.lineErrors) output.appendLine(`${file.fsPath}:${e.line}: ${e.message}`);
    for (const line of sidecar.lines) {
      line.errors.forEach((e) => e && output.appendLine(`${file.fsPath}:${line.line}: ${e}`));
      line.truncated.forEach((t, j) => t && output.appendLine(`${file.fsPath}:${line.line}: response ${j} is longer than the model's context; cut from the left before scoring`));
    }
    const actions = options.scoredCopy ? [] : ['Write Scored Copy'];
    if (sidecar.lineErrors.length + sidecar.counts.responseErrors + sidecar.counts.truncated > 0) actions.push('Show Details');
    void vscode.window.showInformationMessage(describe(result, file.fsPath), ...actions).then(async (choice) => {
      if (choice === 'Show Details') output.show(true);
      if (choice === 'Write Scored Copy') {
        const target = file.fsPath.replace(/(\.jsonl?)?$/, '.scored.jsonl');
        await scoreSolutionsFile({ file: file.fsPath, modelDir: model.dir, laserDir: path.join(ws, '.laser'), backend, settings: sidecar.settings, scoredCopy: target });
        await vscode.window.showTextDocument(vscode.Uri.file(target));
      }
    });
    return result;
  } catch (error) {
    if (error instanceof ScoringCancelled) {
      void vscode.window.showInformationMessage('LaSeR: scoring cancelled; nothing was written.');
      return undefined;
    }
    const known = error instanceof ModelFolderError || error instanceof SolutionsFileError || error instanceof ScoringError;
    if (!known) output.appendLine(String((error as Error).stack ?? error));
    void vscode.window.showErrorMessage(`LaSeR: ${(error as Error).message}`);
    return undefined;
  }
}

export function registerScoringCommands(extensionUri: vscode.Uri): vscode.Disposable {
  const output = vscode.window.createOutputChannel('LaSeR Scoring');
  return vscode.Disposable.from(
    output,
    vscode.commands.registerCommand('laser.scoreSolutionsFile', (uri?: vscode.Uri, options?: ScoreSolutionsFileOptions) =>
      scoreSolutionsFileCommand(extensionUri, output, uri instanceof vscode.Uri ? uri : undefined, options)),
  );
}
