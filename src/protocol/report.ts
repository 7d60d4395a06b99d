/**
 * Messages between the extension and the Self-Reward Report panel. The webview says `ready`; the extension answers
 * with a `snapshot` holding the whole report (it is computed once per file and threshold). After drawing, the webview
 * says which charts it drew. Both sides validate what they receive.
 */
import type { SelfRewardReport } from '../core/solutions/report';

export type ReportData = SelfRewardReport;

export interface ReportSnapshot {
  readonly type: 'snapshot';
  readonly seq: number;
  readonly fileName: string;
  readonly format: string | null;
  readonly threshold: number;
  /** Undefined when the file holds no problems; `notice` then says why. */
  readonly report?: ReportData;
  readonly notice?: string;
}

export type ExtensionToReport = ReportSnapshot;

/** The charts the report draws. */
export const REPORT_CHARTS = ['scaling', 'histogram', 'sweep'] as const;
export type ReportChart = (typeof REPORT_CHARTS)[number];

/** Webview → extension. `drawn`: the charts on screen after rendering snapshot `seq`, with their point counts. */
export type ReportToExtension =
  | { readonly type: 'ready' }
  | { readonly type: 'drawn'; readonly seq: number; readonly charts: Readonly<Partial<Record<ReportChart, number>>>; readonly text: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isNumbers = (v: unknown, nullable = false): boolean =>
  Array.isArray(v) && v.every((x) => typeof x === 'number' || (nullable && x === null));

export function parseReportMessage(raw: unknown): ReportToExtension | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.type === 'ready') return { type: 'ready' };
  if (raw.type === 'drawn') {
    if (!isCount(raw.seq) || !isRecord(raw.charts) || typeof raw.text !== 'string') return undefined;
    const charts: Partial<Record<ReportChart, number>> = {};
    for (const [name, count] of Object.entries(raw.charts)) {
      if (!(REPORT_CHARTS as readonly string[]).includes(name) || !isCount(count)) return undefined;
      charts[name as ReportChart] = count;
    }
    return { type: 'drawn', seq: raw.seq, charts, text: raw.text };
  }
  return undefined;
}

function isMetrics(v: unknown): boolean {
  if (!isRecord(v)) return false;
  const keys = ['acc_correct', 'acc_incorrect', 'accuracy', 'f1_laser', 'precision', 'recall', 'f1'];
  return keys.every((k) => typeof v[k] === 'number') && (v.auc === null || typeof v.auc === 'number');
}

function isConfusion(v: unknown): boolean {
  return isRecord(v) && ['tp', 'fn', 'fp', 'tn'].every((k) => isCount(v[k]));
}

function isHistogram(v: unknown): boolean {
  return isRecord(v) && isNumbers(v.edges) && isNumbers(v.correct) && isNumbers(v.incorrect);
}

function isSweep(v: unknown): boolean {
  return Array.isArray(v) && v.every((p) => isRecord(p) && typeof p.threshold === 'number' && typeof p.f1_laser === 'number');
}

function bothOf(v: unknown, check: (x: unknown) => boolean): boolean {
  return isRecord(v) && check(v.all) && check(v.filtered);
}

function isReport(v: unknown): v is ReportData {
  if (!isRecord(v) || !isCount(v.problems) || !isCount(v.responses) || typeof v.accuracy !== 'number') return false;
  const s = v.scaling;
  return (
    bothOf(v.self_verification, isMetrics) && bothOf(v.confusion, isConfusion) && bothOf(v.histograms, isHistogram) &&
    bothOf(v.sweep, isSweep) && isRecord(s) && isNumbers(s.k) && isNumbers(s.majority) && isNumbers(s.sr_weighted, true) &&
    isNumbers(s.best_of_n, true) && isNumbers(s.pass_at_k)
  );
}

export function parseReportExtensionMessage(raw: unknown): ExtensionToReport | undefined {
  if (!isRecord(raw) || raw.type !== 'snapshot' || !isCount(raw.seq)) return undefined;
  if (typeof raw.fileName !== 'string' || typeof raw.threshold !== 'number') return undefined;
  if (raw.format !== null && typeof raw.format !== 'string') return undefined;
  if (raw.report !== undefined && !isReport(raw.report)) return undefined;
  if (raw.notice !== undefined && typeof raw.notice !== 'string') return undefined;
  return raw as unknown as ReportSnapshot;
}
