/**
 * Messages between the extension and the Metrics webview (side panel and editor panel). The webview says `ready`;
 * the extension answers with a full `snapshot`, then sends `append` deltas numbered by `seq`; a webview that sees a
 * gap in `seq` asks for a snapshot. Both sides validate what they receive.
 */

export interface SeriesData {
  readonly name: string;
  readonly steps: readonly number[];
  /** null where the trainer logged nan or inf (drawn as a gap). */
  readonly values: readonly (number | null)[];
  /** Wall-clock milliseconds when each point was read. */
  readonly times: readonly number[];
}

export interface RunHeader {
  readonly id: string;
  readonly name: string;
  readonly status: string;
}

export interface RunSeries {
  readonly run: RunHeader;
  readonly series: readonly SeriesData[];
  /** Parse warnings, e.g. "line 120: expected a number for actor/pg_loss". */
  readonly warnings: readonly string[];
}

/** Extension → webview: everything the view shows, replacing what it had. */
export interface SnapshotMessage {
  readonly type: 'snapshot';
  readonly seq: number;
  readonly runs: readonly RunSeries[];
  /** Shown instead of charts, e.g. why a run's log could not be read. */
  readonly notice?: string;
}

/** Extension → webview: points added to one run since the previous message. */
export interface AppendMessage {
  readonly type: 'append';
  readonly seq: number;
  readonly runId: string;
  readonly series: readonly SeriesData[];
}

export type ExtensionToMetricsView = SnapshotMessage | AppendMessage;

export type ExportFormat = 'csv' | 'png';

/** Webview → extension. `drawn` acknowledges what the charts hold after rendering message `seq`: points per run and metric. */
export type MetricsViewToExtension =
  | { readonly type: 'ready' }
  | { readonly type: 'requestSnapshot' }
  | { readonly type: 'drawn'; readonly seq: number; readonly points: Readonly<Record<string, Readonly<Record<string, number>>>> }
  | { readonly type: 'exportCsv'; readonly metric: string }
  | { readonly type: 'exportPng'; readonly metric: string; readonly dataUrl: string }
  | { readonly type: 'openInEditor' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isCountsByName = (v: unknown): v is Record<string, number> => isRecord(v) && Object.values(v).every(isCount);

export function parseMetricsViewMessage(raw: unknown): MetricsViewToExtension | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
    case 'requestSnapshot':
    case 'openInEditor':
      return { type: raw.type };
    case 'drawn':
      if (!isCount(raw.seq) || !isRecord(raw.points) || !Object.values(raw.points).every(isCountsByName)) return undefined;
      return { type: 'drawn', seq: raw.seq, points: raw.points as Record<string, Record<string, number>> };
    case 'exportCsv':
      return typeof raw.metric === 'string' ? { type: 'exportCsv', metric: raw.metric } : undefined;
    case 'exportPng':
      return typeof raw.metric === 'string' && typeof raw.dataUrl === 'string' && raw.dataUrl.startsWith('data:image/png;base64,')
        ? { type: 'exportPng', metric: raw.metric, dataUrl: raw.dataUrl }
        : undefined;
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
    Array.isArray(v.times) &&
    v.steps.length === v.values.length &&
    v.times.length === v.steps.length &&
    v.steps.every((s) => typeof s === 'number') &&
    v.times.every((s) => typeof s === 'number') &&
    v.values.every((x) => x === null || typeof x === 'number')
  );
}

function isRunHeader(v: unknown): v is RunHeader {
  return isRecord(v) && typeof v.id === 'string' && typeof v.name === 'string' && typeof v.status === 'string';
}

function isRunSeries(v: unknown): v is RunSeries {
  return (
    isRecord(v) && isRunHeader(v.run) && Array.isArray(v.series) && v.series.every(isSeriesData) &&
    Array.isArray(v.warnings) && v.warnings.every((w) => typeof w === 'string')
  );
}

export function parseExtensionMessage(raw: unknown): ExtensionToMetricsView | undefined {
  if (!isRecord(raw) || !isCount(raw.seq)) return undefined;
  if (raw.type === 'snapshot') {
    if (!Array.isArray(raw.runs) || !raw.runs.every(isRunSeries)) return undefined;
    if (raw.notice !== undefined && typeof raw.notice !== 'string') return undefined;
    return raw as unknown as SnapshotMessage;
  }
  if (raw.type === 'append') {
    if (typeof raw.runId !== 'string' || !Array.isArray(raw.series) || !raw.series.every(isSeriesData)) return undefined;
    return raw as unknown as AppendMessage;
  }
  return undefined;
}
