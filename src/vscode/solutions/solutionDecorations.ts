import * as vscode from 'vscode';
import { decorationText, type Agreement } from '../../core/solutions/summary';
import type { SolutionDocuments } from './solutionDocuments';

/** Lines above and below the visible ranges decorated too, so scrolling a little shows no undecorated lines. */
const MARGIN_LINES = 20;
const EDIT_DEBOUNCE_MS = 250;
const AGREEMENTS: readonly Agreement[] = ['agree', 'disagree', 'partial', 'unscored'];

export interface DecoratedLine {
  readonly line: number;
  readonly text: string;
  readonly agreement: Agreement;
}

/**
 * The summary text (`SR 6/8 ✓ · …`) and a gutter mark colored by agreement between self-reward and verifier, on the
 * problem lines within the visible ranges of every editor showing a solution file. The text goes at the start of the
 * line: a JSONL record is usually far wider than the editor, so text after its end would never be on screen.
 */
export class SolutionDecorations implements vscode.Disposable {
  private readonly types: ReadonlyMap<Agreement, vscode.TextEditorDecorationType>;
  private readonly shown = new Map<string, readonly DecoratedLine[]>();
  private readonly decorated = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after an editor of this document got its decorations. */
  readonly onDidDecorate = this.decorated.event;
  private readonly pending = new Map<vscode.TextEditor, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[];

  constructor(extensionUri: vscode.Uri, private readonly documents: SolutionDocuments) {
    this.types = new Map(
      AGREEMENTS.map((agreement) => [
        agreement,
        vscode.window.createTextEditorDecorationType({
          gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', `solution-${agreement}.svg`),
          gutterIconSize: 'contain',
          before: { margin: '0 1.5em 0 0', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'normal' },
          rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        }),
      ]),
    );
    this.disposables = [
      ...this.types.values(),
      this.decorated,
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.update(e))),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.update(e.textEditor)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === e.document) this.schedule(editor);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.shown.delete(d.uri.toString());
        this.documents.forget(d);
      }),
    ];
    this.refresh();
  }

  /** Decorates every visible editor again (after a settings change). */
  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) this.update(editor);
  }

  /** What the editors of `uri` show: line, summary text and agreement, in line order. */
  decorations(uri: vscode.Uri): readonly DecoratedLine[] {
    return this.shown.get(uri.toString()) ?? [];
  }

  private schedule(editor: vscode.TextEditor): void {
    clearTimeout(this.pending.get(editor));
    this.pending.set(editor, setTimeout(() => {
      this.pending.delete(editor);
      this.update(editor);
    }, EDIT_DEBOUNCE_MS));
  }

  private update(editor: vscode.TextEditor): void {
    const document = editor.document;
    if (!this.documents.format(document)) {
      if (this.shown.delete(document.uri.toString())) for (const type of this.types.values()) editor.setDecorations(type, []);
      return;
    }
    const byType = new Map<Agreement, vscode.DecorationOptions[]>(AGREEMENTS.map((a) => [a, []]));
    const lines: DecoratedLine[] = [];
    for (const line of visibleLines(editor)) {
      const summary = this.documents.summary(document, line);
      if (!summary) continue;
      const text = decorationText(summary);
      byType.get(summary.agreement)!.push({ range: new vscode.Range(line, 0, line, 0), renderOptions: { before: { contentText: text } } });
      lines.push({ line, text, agreement: summary.agreement });
    }
    for (const [agreement, options] of byType) editor.setDecorations(this.types.get(agreement)!, options);
    this.shown.set(document.uri.toString(), lines);
    this.decorated.fire(document.uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function visibleLines(editor: vscode.TextEditor): number[] {
  const last = editor.document.lineCount - 1;
  const lines = new Set<number>();
  for (const range of editor.visibleRanges) {
    const from = Math.max(0, range.start.line - MARGIN_LINES);
    const to = Math.min(last, range.end.line + MARGIN_LINES);
    for (let line = from; line <= to; line++) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}
