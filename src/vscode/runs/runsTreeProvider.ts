import * as vscode from 'vscode';
import { listRuns } from '../../core/runs/listRuns';
import type { RunStatus, RunSummary } from '../../core/runs/runSummary';

const STATUS_ICON: Record<RunStatus, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  succeeded: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  invalid: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
};

/** The Runs view: one item per folder under the runs folder, refreshed when a run.json or exit.json changes. */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunSummary>, vscode.Disposable {
  static readonly viewId = 'laser.runs';

  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private runs: RunSummary[] = [];
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly runsDir: () => string | undefined) {}

  /** Watches the runs folder; call again when the folder setting changes. */
  watch(): vscode.Disposable {
    const dir = this.runsDir();
    if (!dir) return new vscode.Disposable(() => undefined);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '*/{run,exit}.json'));
    const refresh = () => this.refresh();
    return vscode.Disposable.from(watcher, watcher.onDidCreate(refresh), watcher.onDidChange(refresh), watcher.onDidDelete(refresh));
  }

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: RunSummary): Promise<RunSummary[]> {
    if (element) return [];
    const dir = this.runsDir();
    this.runs = dir ? await listRuns(dir) : [];
    return this.runs;
  }

  getTreeItem(run: RunSummary): vscode.TreeItem {
    const item = new vscode.TreeItem(run.name, vscode.TreeItemCollapsibleState.None);
    item.id = run.id;
    item.description = `${run.kind} · ${run.status}`;
    item.iconPath = STATUS_ICON[run.status];
    item.contextValue = 'run';
    item.tooltip = new vscode.MarkdownString(
      [`**${run.name}** (${run.id})`, `kind: ${run.kind}`, `status: ${run.status}`, run.startTime && `started: ${run.startTime}`, run.problem]
        .filter(Boolean)
        .join('  \n'),
    );
    item.command = { command: 'laser.showMetrics', title: 'Show Metrics', arguments: [run.id] };
    return item;
  }

  /** Looks a run up by id, reading the folder again if the view has not listed it yet. */
  async findRun(id: string): Promise<RunSummary | undefined> {
    return this.runs.find((r) => r.id === id) ?? (await this.getChildren()).find((r) => r.id === id);
  }

  async newestRun(): Promise<RunSummary | undefined> {
    return (await this.getChildren())[0];
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
