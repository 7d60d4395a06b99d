/** Chart colors from the active VS Code theme, so charts follow light, dark and high-contrast themes. */
const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** The color of the run at `index` in the legend. */
export function runColor(index: number): string {
  return cssVar(PALETTE[index % PALETTE.length]!, FALLBACK[index % FALLBACK.length]!);
}

/** The same color, faint: the raw series drawn behind its smoothed line. */
export function faint(color: string): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (!hex) return color;
  return `#${hex[1]}40`;
}

export function foreground(): string {
  return cssVar('--vscode-foreground', '#cccccc');
}

export function gridColor(): string {
  return cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
}
