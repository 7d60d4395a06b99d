import * as vscode from 'vscode';
import { alertNotifier } from './vscode/metrics/alertNotifier';
import { registerMetricsCommands, shownRun } from './vscode/metrics/metricsCommands';
import { MetricsController, type DrawnAck } from './vscode/metrics/metricsController';
import { metricsStatusBar } from './vscode/metrics/metricsStatusBar';
import { MetricsViewProvider } from './vscode/metrics/metricsViewProvider';
import { checkPythonEnvironment } from './vscode/python/checkEnvironmentCommand';
import { gpuStatusBar } from './vscode/runs/gpuStatusBar';
import { registerRunCommands } from './vscode/runs/runCommands';
import { runEndNotifier } from './vscode/runs/runEndNotifier';
import { runQueue } from './vscode/runs/runQueue';
import { registerScoringCommands } from './vscode/scoring/scoreSolutionsFileCommand';
import { RunsTreeProvider, type RunItem } from './vscode/runs/runsTreeProvider';
import { readSettings } from './vscode/settings';
import { registerSolutions, type SolutionsApi } from './vscode/solutions/registerSolutions';

/** What the extension offers other extensions and its integration tests. */
export interface LaserLabApi extends SolutionsApi {
  readonly onDidDrawMetrics: vscode.Event<DrawnAck>;
  /** Ids of the runs the Metrics views chart. */
  readonly shownRuns: () => readonly string[];
  /** Reads the shown runs' logs now instead of waiting for the file watcher. */
  readonly refreshMetrics: () => Promise<void>;
  /** The Runs view's listing, read again now. */
  readonly listRuns: () => Promise<readonly RunItem[]>;
}

export function activate(context: vscode.ExtensionContext): LaserLabApi {
  const runs = new RunsTreeProvider(() => readSettings().runsDir);
  const metrics = new MetricsController(context.extensionUri);
  const selectedGpus: { indices?: readonly number[] } = {};
  let listed: readonly RunItem[] = [];
  let runsWatcher = runs.watch();
  const solutions = registerSolutions(context.extensionUri);

  context.subscriptions.push(
    runs,
    metrics,
    solutions.disposable,
    { dispose: () => runsWatcher.dispose() },
    vscode.window.createTreeView(RunsTreeProvider.viewId, { treeDataProvider: runs, canSelectMany: true }),
    vscode.window.registerWebviewViewProvider(MetricsViewProvider.viewId, new MetricsViewProvider(metrics)),
    registerMetricsCommands(metrics, runs),
    registerRunCommands(context.extensionUri, runs, selectedGpus),
    registerScoringCommands(context.extensionUri),
    metricsStatusBar(metrics),
    alertNotifier(metrics),
    runs.onDidList((items) => {
      listed = items;
      metrics.updateStatuses(new Map(items.map((r) => [r.id, r.status])));
    }),
    runEndNotifier(runs.onDidList),
    runQueue(() => listed, context.extensionUri, () => runs.refresh()),
    gpuStatusBar(() => listed),
    vscode.commands.registerCommand('laser.refreshRuns', () => runs.refresh()),
    vscode.commands.registerCommand('laser.checkPythonEnvironment', () => checkPythonEnvironment(context.extensionUri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('laser.runsFolder')) return;
      runsWatcher.dispose();
      runsWatcher = runs.watch();
      runs.refresh();
    }),
  );

  void runs.newestRun().then((run) => {
    if (run && metrics.shown.length === 0) metrics.show([shownRun(run)]);
  });
  return {
    ...solutions.api,
    onDidDrawMetrics: metrics.onDidDraw,
    shownRuns: () => metrics.shown.map((r) => r.header.id),
    refreshMetrics: () => metrics.refresh(),
    listRuns: () => runs.getChildren(),
  };
}

export function deactivate(): void {}
