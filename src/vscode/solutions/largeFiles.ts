import * as path from 'node:path';
import * as vscode from 'vscode';

/** VS Code does not hand text files above this size to extensions (no TextDocument, so no decorations or hovers). */
export const EXTENSION_FILE_LIMIT_BYTES = 50 * 1024 * 1024;
/** How long after a tab opens its document must have reached the extension host. */
const SYNC_WAIT_MS = 1500;

/** Whether a file of `size` bytes opened as text reaches extensions; false means only the inspector can annotate it. */
export function reachesExtensions(size: number): boolean {
  return size <= EXTENSION_FILE_LIMIT_BYTES;
}

/**
 * Watches for `.jsonl` tabs whose document never reaches the extension host because the file is too large, and opens
 * them in the LaSeR Inspector instead, which says why at its top.
 */
export function offerInspectorForLargeFiles(open: (uri: vscode.Uri, notice: string) => Promise<void>): vscode.Disposable {
  const offered = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const check = async (uri: vscode.Uri) => {
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    let size: number;
    try {
      size = (await vscode.workspace.fs.stat(uri)).size;
    } catch {
      return;
    }
    if (reachesExtensions(size)) return;
    offered.add(uri.toString());
    const name = path.basename(uri.fsPath);
    const why = `${name} is ${(size / 1024 / 1024).toFixed(0)} MB; VS Code does not hand files over ${EXTENSION_FILE_LIMIT_BYTES / 1024 / 1024} MB to extensions, so the text editor cannot show its self-reward scores. The LaSeR Inspector reads it from disk line by line instead.`;
    await open(uri, why);
  };
  const listener = vscode.window.tabGroups.onDidChangeTabs((e) => {
    for (const tab of e.opened) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const uri = tab.input.uri;
      if (uri.scheme !== 'file' || !uri.path.toLowerCase().endsWith('.jsonl') || offered.has(uri.toString())) continue;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void check(uri);
      }, SYNC_WAIT_MS);
      timers.add(timer);
    }
  });
  return { dispose: () => { listener.dispose(); for (const t of timers) clearTimeout(t); } };
}
