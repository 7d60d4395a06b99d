import * as vscode from 'vscode';

export const INSPECT_COMMAND = 'laser.inspectSolution';
export const BEST_RESPONSE_COMMAND = 'laser.openBestResponse';
export const REPORT_COMMAND = 'laser.showSelfRewardReport';
/** Contributed by the scoring feature; only linked from here. */
export const SCORE_COMMAND = 'laser.scoreSolutionsFile';

/** Command arguments arrive as a Uri (CodeLens, menus), a revived Uri or a string (command links). */
export function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string') return value.includes(':') ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  if (typeof value === 'object' && value !== null && typeof (value as { scheme?: unknown }).scheme === 'string') {
    return vscode.Uri.from(value as vscode.Uri);
  }
  return undefined;
}

export function asLine(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** The solution file a command without arguments acts on: the active text editor's or inspector's, else one picked. */
export async function activeOrPickedFile(): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.uri.path.toLowerCase().endsWith('.jsonl')) return editor.document.uri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) {
    if (input.uri.path.toLowerCase().endsWith('.jsonl')) return input.uri;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'Solution files (JSONL)': ['jsonl'] },
    openLabel: 'Show Self-Reward Report',
  });
  return picked?.[0];
}
