import {
  Chart, Decimation, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip,
  type ChartDataset, type Plugin, type ScatterDataPoint,
} from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import type { ChartOptions } from './chartOptions';
import { faint, foreground, gridColor, runColor } from './chartTheme';
import type { RunData } from './runData';
import { emaSmooth } from './smoothing';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend, Decimation, zoomPlugin);

type Line = ChartDataset<'line', ScatterDataPoint[]> & { laserRun: string; laserRaw: boolean };

const MS_PER_HOUR = 3_600_000;

function points(run: RunData, metric: string, options: ChartOptions, smoothed: boolean): ScatterDataPoint[] {
  const p = run.metrics.get(metric);
  if (!p) return [];
  const values = smoothed ? emaSmooth(p.values, options.smoothing) : p.values;
  const t0 = p.times[0] ?? 0;
  return p.steps.map((step, i) => ({
    x: options.xAxis === 'step' ? step : (p.times[i]! - t0) / MS_PER_HOUR,
    y: values[i] ?? Number.NaN,
  }));
}

function datasets(runs: readonly RunData[], metric: string, options: ChartOptions): Line[] {
  const lines: Line[] = [];
  runs.forEach((run, index) => {
    if (!run.metrics.has(metric)) return;
    const color = runColor(index);
    const smooth = options.smoothing > 0;
    lines.push({
      label: run.run.name, laserRun: run.run.id, laserRaw: true, data: points(run, metric, options, false),
      borderColor: smooth ? faint(color) : color, backgroundColor: color, borderWidth: 1, pointRadius: 0, spanGaps: false,
    });
    if (smooth) {
      lines.push({
        label: `${run.run.name} (smoothed)`, laserRun: run.run.id, laserRaw: false, data: points(run, metric, options, true),
        borderColor: color, backgroundColor: color, borderWidth: 1.75, pointRadius: 0, spanGaps: true,
      });
    }
  });
  return lines;
}

/** Points each run's raw series holds once the chart has rendered. */
export type DrawnCounts = Record<string, number>;

function drawnCounts(chart: Chart<'line', ScatterDataPoint[]>): DrawnCounts {
  const counts: DrawnCounts = {};
  for (const d of chart.data.datasets as (Line & { _data?: ScatterDataPoint[] })[]) {
    // The decimation plugin swaps `data` for the decimated points and keeps the full series in `_data`.
    if (d.laserRaw) counts[d.laserRun] = (d._data ?? d.data).filter((p) => Number.isFinite(p.y)).length;
  }
  return counts;
}

/** One line chart of `metric`: a line per run (smoothed, with its raw series faint behind), zoomable, exportable. */
export class MetricChart {
  private readonly chart: Chart<'line', ScatterDataPoint[]>;
  private waiting: ((counts: DrawnCounts) => void)[] = [];
  /** Bumped by every data change; `renderedVersion` catches up when the chart has drawn it. */
  private dataVersion = 1;
  private renderedVersion = 0;

  constructor(canvas: HTMLCanvasElement, readonly metric: string, runs: readonly RunData[], options: ChartOptions) {
    const text = foreground();
    const grid = gridColor();
    const rendered: Plugin<'line'> = {
      id: 'laserRendered',
      afterRender: () => {
        this.renderedVersion = this.dataVersion;
        const waiting = this.waiting;
        this.waiting = [];
        for (const callback of waiting) callback(drawnCounts(this.chart));
      },
    };
    this.chart = new Chart<'line', ScatterDataPoint[]>(canvas, {
      type: 'line',
      data: { datasets: datasets(runs, metric, options) },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'x', intersect: false },
        scales: {
          x: { type: 'linear', title: { display: true, text: options.xAxis === 'step' ? 'step' : 'hours', color: text }, ticks: { color: text }, grid: { color: grid } },
          y: { type: options.logScale ? 'logarithmic' : 'linear', ticks: { color: text, maxTicksLimit: 5 }, grid: { color: grid } },
        },
        plugins: {
          legend: { display: runs.length > 1, labels: { color: text, boxWidth: 10, filter: (item, data) => !(data.datasets[item.datasetIndex!] as Line).laserRaw || options.smoothing === 0 } },
          tooltip: { filter: (item) => !(item.dataset as Line).laserRaw || options.smoothing === 0 },
          decimation: { enabled: true, algorithm: 'lttb', samples: 400, threshold: 800 },
          zoom: {
            zoom: { wheel: { enabled: true, modifierKey: 'ctrl' }, drag: { enabled: true, modifierKey: 'shift' }, mode: 'x' },
            pan: { enabled: true, mode: 'x' },
          },
        },
      },
      plugins: [rendered],
    });
  }

  /** Calls back, once the chart has drawn its current data, with the points per run. */
  whenRendered(callback: (counts: DrawnCounts) => void): void {
    if (this.renderedVersion === this.dataVersion) callback(drawnCounts(this.chart));
    else this.waiting.push(callback);
  }

  /** Replaces the data (after new points or an options change) and redraws without animation. */
  update(runs: readonly RunData[], options: ChartOptions): void {
    this.dataVersion++;
    this.chart.data.datasets = datasets(runs, this.metric, options);
    this.chart.update('none');
  }

  resetZoom(): void {
    this.chart.resetZoom();
  }

  toPng(): string {
    return this.chart.toBase64Image('image/png', 1);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
