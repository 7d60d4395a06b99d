import type { RunHeader, RunSeries, SeriesData } from '../../protocol/metrics';
import { MetricStore, type SeriesView } from '../metrics/metricStore';
import type { MetricRecord } from '../metrics/record';
import { FileTail } from '../tail/fileTail';
import { AlertWatch, DEFAULT_ALERT_RULES, type Alert, type AlertRules } from './alerts';
import { LiveParser } from './liveParser';
import { median } from './median';

export interface RunProgress {
  readonly lastStep: number | undefined;
  readonly totalSteps: number | undefined;
  readonly medianStepMs: number | undefined;
  readonly etaMs: number | undefined;
  readonly lastOutputMs: number | undefined;
  readonly latest: ReadonlyMap<string, number>;
}

// tqdm's "12/40 [" gives the total number of training steps.
const PROGRESS = /(\d+)\/(\d+) \[/g;
// A step line is held back until the next line shows it was not hard-wrapped; after this much quiet it is released.
const QUIET_MS = 50;

/**
 * The live metrics of one run: follows its log, parses it, keeps every point, and hands out what changed since the
 * last call (for webview deltas). Times come from `timing_s/step` when the trainer logs it, so a log read long
 * after the run still has its real time axis; otherwise from when each line was read.
 */
export class RunMetrics {
  private store = new MetricStore();
  private sentVersion = 0;
  private readonly parser = new LiveParser();
  private readonly tail: FileTail;
  private readonly alertWatch: AlertWatch | undefined;
  private readonly stepTimes: number[] = [];
  private readonly latest = new Map<string, number>();
  private quietTimer: NodeJS.Timeout | undefined;
  private lastTime: number | undefined;
  private totalSteps: number | undefined;
  private lastOutput: number | undefined;

  constructor(
    public header: RunHeader,
    readonly logPath: string,
    private readonly onChange: (run: RunMetrics, alerts: readonly Alert[]) => void,
    alertRules: AlertRules | undefined = DEFAULT_ALERT_RULES,
    private readonly startMs = Date.now(),
  ) {
    this.alertWatch = alertRules && new AlertWatch(alertRules);
    this.tail = new FileTail(logPath, (text) => this.read(text), () => this.reset(), { pollMs: 200 });
  }

  /** Reads what the log has now (the tail also reads by itself). */
  async refresh(): Promise<void> {
    await this.tail.poke();
    this.release();
  }

  private read(text: string): void {
    this.lastOutput = Date.now();
    for (const match of text.matchAll(PROGRESS)) this.totalSteps = Number(match[2]);
    this.take(this.parser.push(text));
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.release(), QUIET_MS);
  }

  private release(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    this.take(this.parser.flush());
  }

  private take(records: readonly MetricRecord[]): void {
    if (records.length === 0) return;
    const alerts: Alert[] = [];
    for (const record of records) {
      const stepSeconds = record.values.get('timing_s/step');
      const timed = stepSeconds !== undefined && Number.isFinite(stepSeconds);
      if (timed) this.stepTimes.push(stepSeconds * 1000);
      this.lastTime = timed ? (this.lastTime ?? this.startMs) + stepSeconds * 1000 : Date.now();
      this.store.append([record], this.lastTime);
      for (const [name, value] of record.values) this.latest.set(name, value);
      if (this.alertWatch) alerts.push(...this.alertWatch.check(record));
    }
    this.onChange(this, alerts);
  }

  private reset(): void {
    this.parser.reset();
    this.lastTime = undefined;
    // A replaced log starts a new history: the store is rebuilt by re-reading, and webviews get a snapshot.
    this.store = new MetricStore();
    this.sentVersion = 0;
  }

  /** Everything so far. */
  snapshot(): RunSeries {
    const series = this.store.names().map((name) => toData(this.store.series(name)!));
    return { run: this.header, series, warnings: this.parser.warnings() };
  }

  /** Points added or replaced since the last delta: per metric, from its first changed point on. */
  takeDelta(): SeriesData[] {
    const delta = this.store.changesSince(this.sentVersion);
    this.sentVersion = delta.version;
    return delta.series.map(toData);
  }

  /** Every point of one metric, for CSV export. */
  points(metric: string): { steps: readonly number[]; values: readonly number[]; times: readonly number[] } | undefined {
    const view = this.store.series(metric);
    return view && { steps: [...view.steps], values: [...view.values], times: [...view.times] };
  }

  progress(): RunProgress {
    const lastStep = this.store.lastStep();
    const medianStepMs = median(this.stepTimes);
    const etaMs = medianStepMs !== undefined && this.totalSteps !== undefined && lastStep !== undefined
      ? Math.max(0, this.totalSteps - lastStep) * medianStepMs
      : undefined;
    return { lastStep, totalSteps: this.totalSteps, medianStepMs, etaMs, lastOutputMs: this.lastOutput, latest: this.latest };
  }

  /** Alerts for a running run that went quiet. */
  checkSilence(now = Date.now()): Alert[] {
    const { medianStepMs } = this.progress();
    return this.lastOutput === undefined || !this.alertWatch ? [] : this.alertWatch.checkSilence(now - this.lastOutput, medianStepMs);
  }

  dispose(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.tail.dispose();
  }
}

function toData(view: SeriesView): SeriesData {
  const values: (number | null)[] = new Array<number | null>(view.length);
  for (let i = 0; i < view.length; i++) values[i] = Number.isFinite(view.values[i]!) ? view.values[i]! : null;
  return { name: view.name, steps: Array.from(view.steps), values, times: Array.from(view.times) };
}
