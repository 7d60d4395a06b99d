/** Chart colors from the active VS Code theme, so charts follow light, dark and high-contrast themes. */
const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function seriesColor(index: number): string {
  return cssVar(PALETTE[index % PALETTE.length]!, '#3794ff');
}

export function foreground(): string {
  return cssVar('--vscode-foreground', '#cccccc');
}

export function gridColor(): string {
  return cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
}
