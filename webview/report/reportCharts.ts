import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type Plugin,
} from 'chart.js';
import type { ReportData } from '../../src/protocol/report';
import { foreground, gridColor, seriesColor } from './theme';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** A drawn chart and how many data points it shows. */
export interface DrawnChart {
  readonly chart: Chart;
  readonly points: number;
}

function axes(x: string, y: string, yMax?: number) {
  const color = foreground();
  const grid = gridColor();
  return {
    x: { type: 'linear' as const, title: { display: true, text: x, color }, ticks: { color }, grid: { color: grid } },
    y: { type: 'linear' as const, title: { display: true, text: y, color }, ticks: { color }, grid: { color: grid }, min: 0, ...(yMax !== undefined ? { max: yMax } : {}) },
  };
}

function draw(canvas: HTMLCanvasElement, config: ChartConfiguration, points: number): Promise<DrawnChart> {
  return new Promise((resolve) => {
    let done = false;
    const rendered: Plugin = {
      id: 'laserRendered',
      afterRender: (chart) => {
        if (done) return;
        done = true;
        resolve({ chart, points });
      },
    };
    new Chart(canvas, { ...config, plugins: [...(config.plugins ?? []), rendered] });
  });
}

const legend = () => ({ labels: { color: foreground(), boxWidth: 12 } });

/** Test-time scaling: fraction solved vs k for majority, SR-weighted voting, best-of-N and pass@k. */
export function scalingChart(canvas: HTMLCanvasElement, report: ReportData): Promise<DrawnChart> {
  const s = report.scaling;
  const series: [string, readonly (number | null)[]][] = [
    ['pass@k (oracle)', s.pass_at_k],
    ['SR-weighted vote', s.sr_weighted],
    ['best-of-N by SR', s.best_of_n],
    ['majority vote', s.majority],
  ];
  const datasets = series
    .filter(([, values]) => values.some((v) => v !== null))
    .map(([label, values], i) => ({
      label,
      data: s.k.map((k, j) => ({ x: k, y: values[j] ?? Number.NaN })),
      borderColor: seriesColor(i),
      backgroundColor: seriesColor(i),
      borderDash: i === 0 ? [4, 3] : [],
      pointRadius: 2,
    }));
  const points = datasets.reduce((n, d) => n + d.data.filter((p) => Number.isFinite(p.y)).length, 0);
  return draw(canvas, {
    type: 'line',
    data: { datasets },
    options: { animation: false, maintainAspectRatio: false, parsing: false, scales: axes('k (responses per problem)', 'fraction solved', 1), plugins: { legend: legend() } },
  } as ChartConfiguration, points);
}

/** Score histograms of correct vs wrong responses (all responses). */
export function histogramChart(canvas: HTMLCanvasElement, report: ReportData, threshold: number): Promise<DrawnChart> {
  const h = report.histograms.all;
  const labels = h.correct.map((_, i) => `${h.edges[i]!.toFixed(2)}–${h.edges[i + 1]!.toFixed(2)}`);
  const color = foreground();
  const grid = gridColor();
  return draw(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'verifier ✓', data: h.correct, backgroundColor: '#3fb950b0' },
        { label: 'verifier ✗', data: h.incorrect, backgroundColor: '#f85149b0' },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { title: { display: true, text: `self-reward score (threshold ${threshold})`, color }, ticks: { color, maxRotation: 60, autoSkip: true }, grid: { color: grid } },
        y: { title: { display: true, text: 'responses', color }, ticks: { color, precision: 0 }, grid: { color: grid }, beginAtZero: true },
      },
      plugins: { legend: legend() },
    },
  } as ChartConfiguration, h.correct.length + h.incorrect.length);
}

/** Threshold sweep: LaSeR F1, accuracy on correct / incorrect, and F1 at each threshold. */
export function sweepChart(canvas: HTMLCanvasElement, report: ReportData): Promise<DrawnChart> {
  const sweep = report.sweep.all;
  const series: [string, (p: (typeof sweep)[number]) => number][] = [
    ['LaSeR F1', (p) => p.f1_laser],
    ['acc. on correct', (p) => p.acc_correct],
    ['acc. on incorrect', (p) => p.acc_incorrect],
    ['F1', (p) => p.f1],
  ];
  const datasets = series.map(([label, value], i) => ({
    label,
    data: sweep.map((p) => ({ x: p.threshold, y: value(p) })),
    borderColor: seriesColor(i),
    backgroundColor: seriesColor(i),
    pointRadius: 1.5,
  }));
  return draw(canvas, {
    type: 'line',
    data: { datasets },
    options: { animation: false, maintainAspectRatio: false, parsing: false, scales: axes('threshold', 'value', 1), plugins: { legend: legend() } },
  } as ChartConfiguration, sweep.length * series.length);
}
