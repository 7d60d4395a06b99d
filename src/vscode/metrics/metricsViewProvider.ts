import * as path from 'node:path';
import * as vscode from 'vscode';
import { readConsoleMetrics } from '../../core/metrics/logFile';
import { collectSeries, orderSeries } from '../../core/metrics/series';
import { toSeriesData } from '../../core/metrics/toSeriesData';
import type { RunSummary } from '../../core/runs/runSummary';
import { parseMetricsViewMessage, type SnapshotMessage } from '../../protocol/metrics';
import { webviewHtml } from '../webviewHtml';

export interface DrawnAck {
  readonly runId: string | null;
  readonly seq: number;
  readonly points: Readonly<Record<string, number>>;
}

/** The Metrics side panel: charts of the selected run's metrics. */
export class MetricsViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'laser.metrics';

  private view: vscode.WebviewView | undefined;
  private run: RunSummary | undefined;
  private seq = 0;
  /** Which run each posted snapshot showed, so an acknowledgement is attributed to the run it drew. */
  private readonly runBySeq = new Map<number, string | null>();
  private readonly drawn = new vscode.EventEmitter<DrawnAck>();
  readonly onDidDraw = this.drawn.event;
  private viewDisposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'metrics', 'LaSeR Metrics');
    this.viewDisposables = [
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidDispose(() => this.disposeView()),
    ];
  }

  /** Makes `run` the charted run; the view updates if it is open. */
  async select(run: RunSummary): Promise<void> {
    this.run = run;
    await this.postSnapshot();
  }

  /** Charts a run's metrics and brings the view forward. */
  async showRun(run: RunSummary): Promise<void> {
    await this.select(run);
    await vscode.commands.executeCommand(`${MetricsViewProvider.viewId}.focus`);
  }

  get currentRun(): RunSummary | undefined {
    return this.run;
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseMetricsViewMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
      case 'requestSnapshot':
        await this.postSnapshot();
        return;
      case 'drawn': {
        const runId = this.runBySeq.get(message.seq);
        if (runId === undefined) return;
        for (const seq of this.runBySeq.keys()) if (seq < message.seq) this.runBySeq.delete(seq);
        this.drawn.fire({ runId, seq: message.seq, points: message.points });
        return;
      }
    }
  }

  private async postSnapshot(): Promise<void> {
    const view = this.view;
    if (!view) return;
    const message = await this.snapshot();
    this.runBySeq.set(message.seq, message.run?.id ?? null);
    await view.webview.postMessage(message);
  }

  private async snapshot(): Promise<SnapshotMessage> {
    const seq = ++this.seq;
    const run = this.run;
    if (!run) return { type: 'snapshot', seq, run: null, series: [], notice: 'Select a run in the Runs view to chart its metrics.' };
    const header = { id: run.id, name: run.name, status: run.status };
    const log = path.join(run.dir, 'output.log');
    try {
      const series = orderSeries(collectSeries(await readConsoleMetrics(log))).map(toSeriesData);
      return { type: 'snapshot', seq, run: header, series, ...(series.length ? {} : { notice: `No metrics logged yet in ${log}.` }) };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist yet' : String(error);
      return { type: 'snapshot', seq, run: header, series: [], notice: `Cannot read ${log}: ${reason}.` };
    }
  }

  private disposeView(): void {
    this.view = undefined;
    vscode.Disposable.from(...this.viewDisposables).dispose();
    this.viewDisposables = [];
  }

  dispose(): void {
    this.disposeView();
    this.drawn.dispose();
  }
}
