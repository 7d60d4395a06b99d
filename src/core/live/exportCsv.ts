export interface CsvSeries {
  readonly run: string;
  readonly steps: readonly number[];
  readonly values: readonly number[];
  readonly times: readonly number[];
}

function cell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per point: run, step, value (nan/inf spelled out), wall time (ISO 8601). */
export function metricCsv(metric: string, series: readonly CsvSeries[]): string {
  const rows = [`run,step,${cell(metric)},time`];
  for (const s of series) {
    for (let i = 0; i < s.steps.length; i++) {
      rows.push(`${cell(s.run)},${s.steps[i]},${String(s.values[i])},${new Date(s.times[i]!).toISOString()}`);
    }
  }
  return `${rows.join('\n')}\n`;
}
