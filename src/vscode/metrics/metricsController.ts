import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Alert } from '../../core/live/alerts';
import { metricCsv } from '../../core/live/exportCsv';
import { RunMetrics } from '../../core/live/runMetrics';
import type { MetricsViewToExtension, RunHeader } from '../../protocol/metrics';
import { readAlertRules } from '../settings';
import { MetricsWebview } from './metricsWebview';

export interface DrawnAck {
  /** Which webview drew it: the side view or an editor panel. */
  readonly host: 'view' | 'panel';
  readonly seq: number;
  /** Points per run id and metric that the webview's charts hold. */
  readonly points: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface ShownRun {
  readonly header: RunHeader;
  readonly logPath: string;
}

/** Updates reach the webviews at most this often (a new line is drawn within ~this plus one frame). */
const FLUSH_MS = 100;

/**
 * The runs the Metrics webviews chart: follows their logs, sends each webview a snapshot then live deltas,
 * and raises alerts. Webviews come and go (hidden side view, editor panels); the data stays here.
 */
export class MetricsController implements vscode.Disposable {
  private runs: RunMetrics[] = [];
  private readonly webviews = new Set<MetricsWebview>();
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private readonly drawn = new vscode.EventEmitter<DrawnAck>();
  readonly onDidDraw = this.drawn.event;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when shown runs get new points (the status bar listens). */
  readonly onDidChange = this.changed.event;
  private readonly alerting = new vscode.EventEmitter<{ run: RunMetrics; alert: Alert }>();
  readonly onAlert = this.alerting.event;
  private readonly silenceTimer: NodeJS.Timeout;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.silenceTimer = setInterval(() => {
      for (const run of this.runs) if (run.header.status === 'running') for (const alert of run.checkSilence()) this.alerting.fire({ run, alert });
    }, 30_000);
  }

  get shown(): readonly RunMetrics[] {
    return this.runs;
  }

  /** Charts these runs (several = compared, overlaid in every chart). */
  show(runs: readonly ShownRun[]): void {
    const keep = new Map(this.runs.map((r) => [`${r.header.id}\0${r.logPath}`, r]));
    const next = runs.map((r) => {
      const existing = keep.get(`${r.header.id}\0${r.logPath}`);
      if (existing) {
        keep.delete(`${r.header.id}\0${r.logPath}`);
        existing.header = r.header;
        return existing;
      }
      return new RunMetrics(r.header, r.logPath, (run, alerts) => this.onRunChange(run, alerts), readAlertRules());
    });
    for (const dropped of keep.values()) dropped.dispose();
    this.runs = next;
    for (const webview of this.webviews) this.postSnapshot(webview);
    this.changed.fire();
  }

  /** Keeps the shown runs' status (running, finished, lost…) in step with the Runs view. */
  updateStatuses(statuses: ReadonlyMap<string, string>): void {
    let changed = false;
    for (const run of this.runs) {
      const status = statuses.get(run.header.id);
      if (status && status !== run.header.status) {
        run.header = { ...run.header, status };
        changed = true;
      }
    }
    if (!changed) return;
    for (const webview of this.webviews) this.postSnapshot(webview);
    this.changed.fire();
  }

  /** Reads every shown log now and posts what is new (instead of waiting for the file watcher). */
  async refresh(): Promise<void> {
    await Promise.all(this.runs.map((r) => r.refresh()));
    this.flush();
  }

  attach(webview: vscode.Webview, host: 'view' | 'panel'): vscode.Disposable {
    const metricsWebview = new MetricsWebview(webview, this.extensionUri, host, (message, from) => this.receive(message, from));
    this.webviews.add(metricsWebview);
    return new vscode.Disposable(() => {
      this.webviews.delete(metricsWebview);
      metricsWebview.dispose();
    });
  }

  private onRunChange(run: RunMetrics, alerts: readonly Alert[]): void {
    // A finished run or a log file is history: its NaNs are seen in the charts, not announced.
    if (run.header.status === 'running') for (const alert of alerts) this.alerting.fire({ run, alert });
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), Math.max(0, this.lastFlush + FLUSH_MS - Date.now()));
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.lastFlush = Date.now();
    for (const run of this.runs) {
      const series = run.takeDelta();
      if (series.length === 0) continue;
      for (const webview of this.webviews) if (webview.acceptsDeltas) webview.post({ type: 'append', runId: run.header.id, series });
    }
    this.changed.fire();
  }

  private postSnapshot(webview: MetricsWebview): void {
    const notice = this.runs.length === 0 ? 'Select a run in the Runs view (or several, to compare them) to chart its metrics.' : undefined;
    webview.post({ type: 'snapshot', runs: this.runs.map((r) => r.snapshot()), ...(notice ? { notice } : {}) });
  }

  private receive(message: MetricsViewToExtension, from: MetricsWebview): void {
    switch (message.type) {
      case 'ready':
      case 'requestSnapshot':
        this.postSnapshot(from);
        return;
      case 'drawn':
        this.drawn.fire({ host: from.host, seq: message.seq, points: message.points });
        return;
      case 'openInEditor':
        void vscode.commands.executeCommand('laser.openMetricsInEditor');
        return;
      case 'exportCsv':
        void this.exportCsv(message.metric);
        return;
      case 'exportPng':
        void this.save(`${message.metric.replace(/[^\w.-]+/g, '_')}.png`, Buffer.from(message.dataUrl.slice(message.dataUrl.indexOf(',') + 1), 'base64'));
        return;
    }
  }

  private async exportCsv(metric: string): Promise<void> {
    const series = this.runs.flatMap((r) => {
      const p = r.points(metric);
      return p ? [{ run: r.header.name, ...p }] : [];
    });
    await this.save(`${metric.replace(/[^\w.-]+/g, '_')}.csv`, Buffer.from(metricCsv(metric, series)));
  }

  private async save(fileName: string, content: Buffer): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined, title: 'Export' });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, content);
    void vscode.window.showInformationMessage(`LaSeR: exported ${path.basename(target.fsPath)}`);
  }

  dispose(): void {
    clearInterval(this.silenceTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const run of this.runs) run.dispose();
    for (const webview of this.webviews) webview.dispose();
    this.drawn.dispose();
    this.changed.dispose();
    this.alerting.dispose();
  }
}
