import * as vscode from 'vscode';

/**
 * Opens a run's output.log and keeps its end in view as the run writes (VS Code reloads a file changed on disk;
 * this scrolls with it) while the cursor stays on the last line, as in a terminal: click elsewhere to stop
 * following, Ctrl+End to follow again.
 */
export class LogFollower implements vscode.Disposable {
  private readonly followed = new Set<string>();
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (!this.followed.has(e.document.uri.toString())) return;
      const added = e.contentChanges.reduce((n, c) => n + c.text.split('\n').length - 1, 0);
      const last = e.document.lineCount - 1;
      for (const editor of vscode.window.visibleTextEditors) {
        if (editor.document !== e.document || editor.selection.active.line < last - added - 1) continue;
        const end = new vscode.Position(last, 0);
        editor.selection = new vscode.Selection(end, end);
        editor.revealRange(new vscode.Range(end, end));
      }
    });
  }

  async open(uri: vscode.Uri): Promise<vscode.TextEditor> {
    this.followed.add(uri.toString());
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    const end = new vscode.Position(editor.document.lineCount - 1, 0);
    editor.selection = new vscode.Selection(end, end);
    editor.revealRange(new vscode.Range(end, end));
    return editor;
  }

  dispose(): void {
    this.listener.dispose();
    this.followed.clear();
  }
}
