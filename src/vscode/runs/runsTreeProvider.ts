import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatDuration } from '../../core/live/formatDuration';
import { listRuns } from '../../core/runs/listRuns';
import { readLogProgress, type LogProgress } from '../../core/runs/runProgress';
import type { RunStatus, RunSummary } from '../../core/runs/runSummary';

const STATUS_ICON: Record<RunStatus, vscode.ThemeIcon> = {
  queued: new vscode.ThemeIcon('clock', new vscode.ThemeColor('charts.yellow')),
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  finished: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  lost: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('problemsWarningIcon.foreground')),
};

export interface RunItem extends RunSummary {
  readonly progress: LogProgress;
}

/** "12m 05s" from start to end (or now, while running). */
function elapsed(run: RunSummary, now: number): string | undefined {
  if (!run.startTime) return undefined;
  const end = run.endTime ? Date.parse(run.endTime) : run.status === 'running' ? now : undefined;
  return end === undefined ? undefined : formatDuration(Math.max(0, end - Date.parse(run.startTime)));
}

/** The Runs view: one item per run folder; refreshed when a run.json or exit.json changes, and every few seconds while runs are running. */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunItem>, vscode.Disposable {
  static readonly viewId = 'laser.runs';

  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listed = new vscode.EventEmitter<readonly RunItem[]>();
  /** Every listing, for whoever reacts to status changes (notifications, the metrics header). */
  readonly onDidList = this.listed.event;
  private runs: RunItem[] = [];
  private readonly ticker: NodeJS.Timeout;

  constructor(private readonly runsDir: () => string | undefined) {
    this.ticker = setInterval(() => {
      if (this.runs.some((r) => r.status === 'running' || r.status === 'queued')) this.refresh();
    }, 5000);
  }

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

  async getChildren(element?: RunItem): Promise<RunItem[]> {
    if (element) return [];
    const dir = this.runsDir();
    const summaries = dir ? await listRuns(dir) : [];
    this.runs = await Promise.all(summaries.map(async (s) => ({ ...s, progress: await readLogProgress(path.join(s.dir, 'output.log')) })));
    this.listed.fire(this.runs);
    return this.runs;
  }

  getTreeItem(run: RunItem): vscode.TreeItem {
    const item = new vscode.TreeItem(run.name, vscode.TreeItemCollapsibleState.None);
    item.id = run.id;
    const { step, total } = run.progress;
    const time = elapsed(run, Date.now());
    item.description = [run.kind, run.status, step !== undefined ? `step ${step}${total ? `/${total}` : ''}` : undefined, time].filter(Boolean).join(' · ');
    item.iconPath = STATUS_ICON[run.status];
    item.contextValue = `run.${run.status}`;
    const exit = run.exitCode !== undefined && run.exitCode !== null ? `exit code ${run.exitCode}` : run.signal ? `ended by ${run.signal}` : undefined;
    const tooltip = new vscode.MarkdownString(
      [`**${run.name}** \`${run.id}\``, `${run.kind} · ${run.status}${exit ? ` (${exit})` : ''}`, run.startTime && `started ${run.startTime}`, run.endTime && `ended ${run.endTime}`, run.problem]
        .filter(Boolean)
        .join('  \n'),
    );
    if (run.logTail?.length) tooltip.appendCodeblock(run.logTail.slice(-8).join('\n'), 'text');
    item.tooltip = tooltip;
    item.command = { command: 'laser.showMetrics', title: 'Show Metrics', arguments: [run.id] };
    return item;
  }

  /** Looks a run up by id, reading the folder again if the view has not listed it yet. */
  async findRun(id: string): Promise<RunItem | undefined> {
    return this.runs.find((r) => r.id === id) ?? (await this.getChildren()).find((r) => r.id === id);
  }

  async newestRun(): Promise<RunItem | undefined> {
    return (await this.getChildren())[0];
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.changed.dispose();
    this.listed.dispose();
  }
}
