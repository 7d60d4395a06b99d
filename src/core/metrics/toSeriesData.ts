import type { SeriesData } from '../../protocol/metrics';
import type { MetricSeries } from './series';

/** Webview messages may travel as JSON, which has no NaN or Infinity: those points become null (a gap). */
export function toSeriesData(series: MetricSeries): SeriesData {
  return {
    name: series.name,
    steps: series.points.map((p) => p.step),
    values: series.points.map((p) => (Number.isFinite(p.value) ? p.value : null)),
  };
}
