const PALETTE = ['--vscode-charts-purple', '--vscode-charts-green', '--vscode-charts-orange', '--vscode-charts-blue', '--vscode-charts-red'];
const FALLBACK = ['#b180d7', '#89d185', '#d18616', '#3794ff', '#f14c4c'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Series colors from the active VS Code theme. */
export function seriesColor(index: number): string {
  return cssVar(PALETTE[index % PALETTE.length]!, FALLBACK[index % FALLBACK.length]!);
}

export function foreground(): string {
  return cssVar('--vscode-foreground', '#cccccc');
}

export function gridColor(): string {
  return cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
}
