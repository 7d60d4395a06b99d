import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { parseReportMessage, type ReportChart, type ReportSnapshot } from '../../protocol/report';
import { webviewHtml } from '../webviewHtml';
import { reportResult, type ReportJob, type ReportJobResult } from './reportJob';
import { SolutionFile } from './solutionFile';

/** Scaling curves average over random subsets drawn from this seed, so a report is the same every time. */
const REPORT_SEED = 0;

export interface ReportDrawn {
  readonly uri: vscode.Uri;
  readonly charts: Readonly<Partial<Record<ReportChart, number>>>;
  readonly text: string;
}

/** "LaSeR: Show Self-Reward Report": one editor panel per file with the report's numbers and charts. */
export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; refresh: () => Promise<void> }>();
  private readonly drawn = new vscode.EventEmitter<ReportDrawn>();
  /** Fires when a report webview has drawn its charts. */
  readonly onDidDraw = this.drawn.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly threshold: () => number) {}

  async show(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const open = this.panels.get(key);
    if (open) {
      open.panel.reveal();
      await open.refresh();
      return;
    }
    const fileName = path.basename(uri.fsPath);
    const panel = vscode.window.createWebviewPanel('laser.report', `Self-Reward Report · ${fileName}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'report', 'LaSeR Self-Reward Report', 'panel');
    let seq = 0;
    const refresh = async () => {
      const snapshot = await reportSnapshot(this.extensionUri, uri, fileName, this.threshold());
      void panel.webview.postMessage({ ...snapshot, seq: seq++ } satisfies ReportSnapshot);
    };
    const listener = panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseReportMessage(raw);
      if (message?.type === 'ready') void refresh();
      else if (message?.type === 'drawn') this.drawn.fire({ uri, charts: message.charts, text: message.text });
    });
    this.panels.set(key, { panel, refresh });
    panel.onDidDispose(() => {
      listener.dispose();
      this.panels.delete(key);
    });
  }

  /** Recomputes every open report (after a threshold change). */
  refresh(): void {
    for (const { refresh } of this.panels.values()) void refresh();
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
    this.drawn.dispose();
  }
}

/** Builds the report in a worker thread (files on disk), or here for other file systems. */
function reportJob(extensionUri: vscode.Uri, uri: vscode.Uri, threshold: number): Promise<ReportJobResult> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const job: ReportJob = { path: uri.fsPath, threshold, seed: REPORT_SEED, ...(folder ? { laserDir: path.join(folder.uri.fsPath, '.laser') } : {}) };
  if (uri.scheme !== 'file') {
    return SolutionFile.read(uri).then(
      async (file) => reportResult(await file.parseAll(), threshold, REPORT_SEED),
      (error: Error) => ({ ok: false as const, message: error.message }),
    );
  }
  return new Promise((resolve) => {
    const worker = new Worker(path.join(extensionUri.fsPath, 'dist', 'reportWorker.js'), { workerData: job });
    worker.once('message', (result: ReportJobResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (error) => resolve({ ok: false, message: error.message }));
    worker.once('exit', (code) => resolve({ ok: false, message: `the report worker stopped (exit code ${code})` }));
  });
}

async function reportSnapshot(extensionUri: vscode.Uri, uri: vscode.Uri, fileName: string, threshold: number): Promise<Omit<ReportSnapshot, 'seq'>> {
  const base = { type: 'snapshot' as const, fileName, threshold };
  const result = await reportJob(extensionUri, uri, threshold);
  if (!result.ok) return { ...base, format: null, notice: `Could not read ${fileName}: ${result.message}` };
  if (!result.report) {
    return { ...base, format: result.format, notice: `${fileName} holds no solution records (LaSeR eval, verl dump or Qwen2.5-Math eval).` };
  }
  return {
    ...base,
    format: result.format,
    report: result.report,
    ...(result.issues ? { notice: `${result.issues} line(s) could not be read and are left out; the first: ${result.firstIssue}` } : {}),
  };
}
