import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildReport } from '../../core/solutions/report';
import type { SelfRewardReport } from '../../core/solutions/report';
import { parseReportMessage, type ReportChart, type ReportSnapshot } from '../../protocol/report';
import { webviewHtml } from '../webviewHtml';
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
      const snapshot = await reportSnapshot(uri, fileName, this.threshold());
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

async function reportSnapshot(uri: vscode.Uri, fileName: string, threshold: number): Promise<Omit<ReportSnapshot, 'seq'>> {
  const base = { type: 'snapshot' as const, fileName, threshold };
  let file: SolutionFile;
  try {
    file = await SolutionFile.read(uri);
  } catch (error) {
    return { ...base, format: null, notice: `Could not read ${fileName}: ${(error as Error).message}` };
  }
  const parsed = await file.parseAll();
  if (!parsed.format || parsed.problems.length === 0) {
    return { ...base, format: parsed.format ?? null, notice: `${fileName} holds no solution records (LaSeR eval, verl dump or Qwen2.5-Math eval).` };
  }
  const report: SelfRewardReport = buildReport(parsed.problems, { threshold, seed: REPORT_SEED });
  const skipped = parsed.issues.length;
  return {
    ...base,
    format: parsed.format,
    report,
    ...(skipped ? { notice: `${skipped} line(s) could not be read and are left out; the first: line ${parsed.issues[0]!.line + 1}: ${parsed.issues[0]!.message}` } : {}),
  };
}
