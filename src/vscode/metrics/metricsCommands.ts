import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunSummary } from '../../core/runs/runSummary';
import type { RunsTreeProvider } from '../runs/runsTreeProvider';
import type { MetricsController, ShownRun } from './metricsController';
import { openMetricsPanel } from './metricsViewProvider';

export function shownRun(run: RunSummary): ShownRun {
  return { header: { id: run.id, name: run.name, status: run.status }, logPath: path.join(run.dir, 'output.log') };
}

/** The commands that choose what the Metrics views chart. */
export function registerMetricsCommands(controller: MetricsController, runs: RunsTreeProvider): vscode.Disposable {
  const resolve = async (arg: unknown): Promise<RunSummary | undefined> => {
    if (typeof arg === 'string') return runs.findRun(arg);
    if (typeof arg === 'object' && arg !== null && 'id' in arg && typeof arg.id === 'string') return runs.findRun(arg.id);
    return undefined;
  };
  return vscode.Disposable.from(
    // From the Runs view (one item, or the whole selection), the palette (newest run) or code (run ids).
    vscode.commands.registerCommand('laser.showMetrics', async (arg?: unknown, selection?: unknown) => {
      const picked = Array.isArray(selection) && selection.length > 1 ? selection : Array.isArray(arg) ? arg : [arg];
      const found = (await Promise.all(picked.map(resolve))).filter((r): r is RunSummary => r !== undefined);
      if (found.length === 0 && arg === undefined) {
        const newest = await runs.newestRun();
        if (newest) found.push(newest);
      }
      if (found.length === 0) {
        void vscode.window.showWarningMessage(arg === undefined ? 'LaSeR: no runs yet.' : `LaSeR: no run "${String(typeof arg === 'string' ? arg : picked)}" in the runs folder.`);
        return;
      }
      controller.show(found.map(shownRun));
      await vscode.commands.executeCommand('laser.metrics.focus');
    }),
    vscode.commands.registerCommand('laser.compareRuns', async () => {
      const all = await runs.getChildren();
      const picks = await vscode.window.showQuickPick(
        all.map((run) => ({ label: run.name, description: `${run.kind} · ${run.status}`, detail: run.id, run, picked: controller.shown.some((s) => s.header.id === run.id) })),
        { canPickMany: true, title: 'LaSeR: Compare Runs', placeHolder: 'Runs to overlay in every chart' },
      );
      if (!picks || picks.length === 0) return;
      controller.show(picks.map((p) => shownRun(p.run)));
      await vscode.commands.executeCommand('laser.metrics.focus');
    }),
    vscode.commands.registerCommand('laser.openMetricsInEditor', () => {
      openMetricsPanel(controller);
    }),
    vscode.commands.registerCommand('laser.openMetricsFromLogFile', async (uri?: vscode.Uri) => {
      const file = uri ?? (await vscode.window.showOpenDialog({ canSelectMany: false, title: 'LaSeR: Open Metrics from Log File', filters: { 'Logs and JSONL': ['log', 'txt', 'jsonl', 'json', 'out'], All: ['*'] } }))?.[0];
      if (!file) return;
      controller.show([{ header: { id: `log:${file.fsPath}`, name: path.basename(file.fsPath), status: 'log file' }, logPath: file.fsPath }]);
      await vscode.commands.executeCommand('laser.metrics.focus');
    }),
  );
}
