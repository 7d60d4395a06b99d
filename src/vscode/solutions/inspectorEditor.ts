import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SolutionFormat } from '../../core/solutions/types';
import {
  parseInspectorMessage, type InspectorFocus, type InspectorProblem, type InspectorSnapshot, type InspectorToExtension,
} from '../../protocol/inspector';
import { webviewHtml } from '../webviewHtml';
import { problemDetail, problemRows } from './inspectorRows';
import { SolutionFile } from './solutionFile';

export const INSPECTOR_VIEW_TYPE = 'laser.inspector';

/** Issues listed in the snapshot; the count says how many more there are. */
const MAX_ISSUES = 50;
const RELOAD_DEBOUNCE_MS = 300;

export interface InspectorRendered {
  readonly uri: vscode.Uri;
  readonly line: number;
  readonly formulas: number;
  readonly text: string;
}

type Outgoing = Omit<InspectorSnapshot, 'seq'> | Omit<InspectorProblem, 'seq'> | Omit<InspectorFocus, 'seq'>;

/** One open inspector tab: its webview, the file it reads, its message numbering. */
class InspectorPanel implements vscode.Disposable {
  private seq = 0;
  private file: SolutionFile | undefined;
  private format: SolutionFormat | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly provider: InspectorEditorProvider,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'inspector', 'LaSeR Inspector', 'panel', ['dist/webview/inspector.css']);
    // The file may be rewritten (scored, regenerated) while it is inspected: read it again shortly after.
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), path.basename(uri.fsPath)), true, false, true);
    let changed: NodeJS.Timeout | undefined;
    this.disposables = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseInspectorMessage(raw);
        if (message) void this.onMessage(message);
      }),
      watcher,
      watcher.onDidChange(() => {
        clearTimeout(changed);
        changed = setTimeout(() => void this.refresh(), RELOAD_DEBOUNCE_MS);
      }),
      { dispose: () => clearTimeout(changed) },
    ];
  }

  post(message: Outgoing): void {
    void this.panel.webview.postMessage({ ...message, seq: this.seq++ });
  }

  private async onMessage(message: InspectorToExtension): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'requestSnapshot':
        await this.refresh();
        return;
      case 'select': {
        const problem = this.file?.problemAt(message.line, this.format);
        if (problem) this.post({ type: 'problem', detail: problemDetail(problem) });
        return;
      }
      case 'reveal':
        await revealLine(this.uri, message.line);
        return;
      case 'rendered':
        this.provider.fireRendered({ uri: this.uri, line: message.line, formulas: message.formulas, text: message.text });
        return;
    }
  }

  /** Reads the file again and sends the whole list. */
  async refresh(): Promise<void> {
    const threshold = this.provider.threshold();
    const fileName = path.basename(this.uri.fsPath);
    const focusLine = this.provider.takeFocus(this.uri);
    try {
      this.file = await SolutionFile.read(this.uri);
    } catch (error) {
      this.post({ type: 'snapshot', fileName, format: null, threshold, rows: [], issues: [], notice: `Could not read ${fileName}: ${(error as Error).message}` });
      return;
    }
    const parsed = await this.file.parseAll();
    this.format = parsed.format;
    const issues = parsed.issues.slice(0, MAX_ISSUES).map((i) => `line ${i.line + 1}: ${i.message}`);
    if (parsed.issues.length > MAX_ISSUES) issues.push(`…and ${parsed.issues.length - MAX_ISSUES} more`);
    const notice = parsed.format ? this.provider.noticeFor(this.uri) : `${fileName} is not a solution file: no line is a LaSeR eval, verl dump or Qwen2.5-Math eval record.`;
    this.post({
      type: 'snapshot',
      fileName,
      format: parsed.format ?? null,
      threshold,
      rows: await problemRows(parsed.problems, threshold),
      issues,
      ...(notice ? { notice } : {}),
      ...(focusLine !== undefined ? { focusLine } : {}),
    });
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

async function revealLine(uri: vscode.Uri, line: number): Promise<void> {
  let editor: vscode.TextEditor;
  try {
    editor = await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  } catch (error) {
    void vscode.window.showWarningMessage(`Could not show ${path.basename(uri.fsPath)} line ${line + 1} in the text editor: ${(error as Error).message}`);
    return;
  }
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
}

/**
 * "LaSeR Inspector": a read-only custom editor over a solution file. It reads the file from disk with a line index,
 * so it also opens files too large for VS Code to hand to extensions as text documents.
 */
export class InspectorEditorProvider implements vscode.CustomReadonlyEditorProvider, vscode.Disposable {
  private readonly panels = new Set<InspectorPanel>();
  private readonly focus = new Map<string, number>();
  private readonly notices = new Map<string, string>();
  private readonly rendered = new vscode.EventEmitter<InspectorRendered>();
  /** Fires when an inspector has rendered a problem (formulas drawn by KaTeX, text on screen). */
  readonly onDidRender = this.rendered.event;

  constructor(private readonly extensionUri: vscode.Uri, readonly threshold: () => number) {}

  static register(provider: InspectorEditorProvider): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(INSPECTOR_VIEW_TYPE, provider, { supportsMultipleEditorsPerDocument: true });
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const inspector = new InspectorPanel(document.uri, panel, this.extensionUri, this);
    this.panels.add(inspector);
    panel.onDidDispose(() => {
      this.panels.delete(inspector);
      inspector.dispose();
    });
  }

  /** Opens `uri` in the inspector with `line` selected; an open inspector of that file is revealed and told. */
  async open(uri: vscode.Uri, line?: number, notice?: string): Promise<void> {
    if (notice) this.notices.set(uri.toString(), notice);
    const open = [...this.panels].find((p) => p.uri.toString() === uri.toString());
    if (open) {
      open.panel.reveal();
      if (line !== undefined) open.post({ type: 'focus', line });
      return;
    }
    if (line !== undefined) this.focus.set(uri.toString(), line);
    await vscode.commands.executeCommand('vscode.openWith', uri, INSPECTOR_VIEW_TYPE);
  }

  takeFocus(uri: vscode.Uri): number | undefined {
    const line = this.focus.get(uri.toString());
    this.focus.delete(uri.toString());
    return line;
  }

  noticeFor(uri: vscode.Uri): string | undefined {
    return this.notices.get(uri.toString());
  }

  fireRendered(event: InspectorRendered): void {
    this.rendered.fire(event);
  }

  /** Sends every open inspector a new snapshot (after a settings change). */
  refresh(): void {
    for (const panel of this.panels) void panel.refresh();
  }

  dispose(): void {
    for (const panel of this.panels) panel.dispose();
    this.rendered.dispose();
  }
}
