/** What the toolbar controls: shared by every chart. */
export interface ChartOptions {
  /** EMA weight, 0 (raw) … 0.99. */
  smoothing: number;
  xAxis: 'step' | 'time';
  logScale: boolean;
}

export const DEFAULT_OPTIONS: ChartOptions = { smoothing: 0.6, xAxis: 'step', logScale: false };
