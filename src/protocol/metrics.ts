/** Messages between the extension and the Metrics webview. Both sides validate what they receive. */

export interface SeriesData {
  readonly name: string;
  readonly steps: readonly number[];
  /** null where the trainer logged nan or inf. */
  readonly values: readonly (number | null)[];
}

export interface RunHeader {
  readonly id: string;
  readonly name: string;
  readonly status: string;
}

/** Extension → webview: everything the view shows, replacing what it had. */
export interface SnapshotMessage {
  readonly type: 'snapshot';
  readonly seq: number;
  readonly run: RunHeader | null;
  readonly series: readonly SeriesData[];
  /** Shown instead of charts, e.g. why a run's log could not be read. */
  readonly notice?: string;
}

export type ExtensionToMetricsView = SnapshotMessage;

/** Webview → extension. `drawn` acknowledges what the charts rendered: points per series, for snapshot `seq`. */
export type MetricsViewToExtension =
  | { readonly type: 'ready' }
  | { readonly type: 'requestSnapshot' }
  | { readonly type: 'drawn'; readonly seq: number; readonly points: Readonly<Record<string, number>> };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function parseMetricsViewMessage(raw: unknown): MetricsViewToExtension | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'requestSnapshot':
      return { type: 'requestSnapshot' };
    case 'drawn': {
      if (!isCount(raw.seq) || !isRecord(raw.points) || !Object.values(raw.points).every(isCount)) return undefined;
      return { type: 'drawn', seq: raw.seq, points: raw.points as Record<string, number> };
    }
    default:
      return undefined;
  }
}

function isSeriesData(v: unknown): v is SeriesData {
  return (
    isRecord(v) &&
    typeof v.name === 'string' &&
    Array.isArray(v.steps) &&
    Array.isArray(v.values) &&
    v.steps.length === v.values.length &&
    v.steps.every((s) => typeof s === 'number') &&
    v.values.every((x) => x === null || typeof x === 'number')
  );
}

export function parseExtensionMessage(raw: unknown): ExtensionToMetricsView | undefined {
  if (!isRecord(raw) || raw.type !== 'snapshot' || !isCount(raw.seq)) return undefined;
  const run = raw.run;
  const runOk = run === null || (isRecord(run) && typeof run.id === 'string' && typeof run.name === 'string' && typeof run.status === 'string');
  if (!runOk || !Array.isArray(raw.series) || !raw.series.every(isSeriesData)) return undefined;
  if (raw.notice !== undefined && typeof raw.notice !== 'string') return undefined;
  return raw as unknown as SnapshotMessage;
}
