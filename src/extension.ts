import * as vscode from 'vscode';
import type { RunSummary } from './core/runs/runSummary';
import { MetricsViewProvider, type DrawnAck } from './vscode/metrics/metricsViewProvider';
import { checkPythonEnvironment } from './vscode/python/checkEnvironmentCommand';
import { RunsTreeProvider } from './vscode/runs/runsTreeProvider';
import { readSettings } from './vscode/settings';

/** What the extension offers other extensions and its integration tests. */
export interface LaserLabApi {
  readonly onDidDrawMetrics: vscode.Event<DrawnAck>;
  readonly currentMetricsRun: () => RunSummary | undefined;
}

export function activate(context: vscode.ExtensionContext): LaserLabApi {
  const runs = new RunsTreeProvider(() => readSettings().runsDir);
  const metrics = new MetricsViewProvider(context.extensionUri);
  let runsWatcher = runs.watch();

  context.subscriptions.push(
    runs,
    metrics,
    { dispose: () => runsWatcher.dispose() },
    vscode.window.registerTreeDataProvider(RunsTreeProvider.viewId, runs),
    vscode.window.registerWebviewViewProvider(MetricsViewProvider.viewId, metrics),
    vscode.commands.registerCommand('laser.refreshRuns', () => runs.refresh()),
    vscode.commands.registerCommand('laser.showMetrics', async (runId?: string) => {
      const run = runId ? await runs.findRun(runId) : await runs.newestRun();
      if (!run) {
        void vscode.window.showWarningMessage(runId ? `LaSeR: no run "${runId}" in the runs folder.` : 'LaSeR: no runs yet.');
        return;
      }
      await metrics.showRun(run);
    }),
    vscode.commands.registerCommand('laser.checkPythonEnvironment', () => checkPythonEnvironment(context.extensionUri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('laser.runsFolder')) return;
      runsWatcher.dispose();
      runsWatcher = runs.watch();
      runs.refresh();
    }),
  );

  void runs.newestRun().then(async (run) => {
    if (run && !metrics.currentRun) await metrics.select(run);
  });
  return { onDidDrawMetrics: metrics.onDidDraw, currentMetricsRun: () => metrics.currentRun };
}

export function deactivate(): void {}
