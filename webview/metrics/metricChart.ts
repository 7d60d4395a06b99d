import { Chart, LinearScale, LineController, LineElement, PointElement, Tooltip, type Plugin } from 'chart.js';
import type { SeriesData } from '../../src/protocol/metrics';
import { foreground, gridColor, seriesColor } from './chartTheme';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

/** Calls back once a chart has really rendered, with the number of points it drew. */
function renderedPlugin(onRendered: (points: number) => void): Plugin<'line'> {
  let reported = false;
  return {
    id: 'laserRendered',
    afterRender(chart) {
      if (reported) return;
      reported = true;
      const meta = chart.getDatasetMeta(0);
      onRendered(meta.data.filter((p) => !(p as PointElement).skip).length);
    },
  };
}

/** One small line chart per metric. */
export function createMetricChart(canvas: HTMLCanvasElement, series: SeriesData, index: number, onRendered: (points: number) => void): Chart<'line'> {
  const color = seriesColor(index);
  const text = foreground();
  const grid = gridColor();
  return new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        {
          label: series.name,
          data: series.steps.map((step, i) => ({ x: step, y: series.values[i] ?? Number.NaN })),
          borderColor: color,
          backgroundColor: color,
          borderWidth: 1.5,
          pointRadius: series.steps.length > 60 ? 0 : 2,
          spanGaps: false,
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'step', color: text }, ticks: { color: text, precision: 0 }, grid: { color: grid } },
        y: { ticks: { color: text, maxTicksLimit: 5 }, grid: { color: grid } },
      },
      plugins: { tooltip: { enabled: true } },
    },
    plugins: [renderedPlugin(onRendered)],
  });
}
