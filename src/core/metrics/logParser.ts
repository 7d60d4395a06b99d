import { cleanConsoleLine } from './consoleLine';
import { parseJsonMetricLine } from './jsonMetrics';
import type { ParseWarning } from './parseWarning';
import type { MetricRecord } from './record';
import { ValidationBlock, type BlockScan } from './validationBlock';
import { isStepStart, parseStepText } from './verlConsole';
import { continuesStepLine } from './wrappedStepLine';

/**
 * Reads a training log incrementally: feed it chunks of text as they arrive, get the metric records completed
 * so far. The dialect is recognised line by line (verl console lines, pprinted validation metrics, verl's JSONL
 * file logger, our workers' JSON events, generic JSONL), so one log may mix them.
 */
export interface LogParser {
  /** Parses `chunk` (which may end anywhere, mid-line included) and returns the records it completed. */
  push(chunk: string): MetricRecord[];
  /** Ends the stream: parses a last line without a newline and any record still waiting for a wrapped continuation. */
  end(): MetricRecord[];
  /**
   * Returns a step line still held back because its next line could continue it after a hard wrap, without
   * ending the stream. For live tails once the log has been quiet for a moment; if a continuation does arrive
   * later, the completed record is returned again (consumers keep the later values of a step).
   */
  flush(): MetricRecord[];
  readonly warnings: readonly ParseWarning[];
  /** Physical lines read so far. */
  readonly lines: number;
}

export function createLogParser(): LogParser {
  return new IncrementalLogParser();
}

interface PendingStep {
  readonly source: string;
  readonly line: number;
  text: string;
  emitted: boolean;
  amended: boolean;
}

/** Warnings kept; a log that is mostly malformed should not grow memory without bound. */
export const MAX_WARNINGS = 10_000;

// A step line glued to the end of a tqdm bar, when stderr and stdout share the file: "…1.2s/it]step:3 - …".
const STEP_AFTER_BAR = /\]\s*(?=step:\S)/;

class IncrementalLogParser implements LogParser {
  readonly warnings: ParseWarning[] = [];
  private count = 0;
  private partial = '';
  private started = false;
  private pending: PendingStep | undefined;
  private block: ValidationBlock | undefined;
  private lastStep: number | undefined;
  private readonly keys: (string | undefined)[] = [];
  private out: MetricRecord[] = [];

  get lines(): number {
    return this.count;
  }

  push(chunk: string): MetricRecord[] {
    let start = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) start = 1;
    }
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      if (newline === -1) break;
      let line = chunk.slice(start, newline);
      if (this.partial !== '') {
        line = this.partial + line;
        this.partial = '';
      }
      this.physicalLine(line);
      start = newline + 1;
    }
    if (start < chunk.length) {
      this.partial += chunk.slice(start);
      if (this.pending && this.partialEndsPending()) this.finishPending();
    }
    return this.take();
  }

  /**
   * Whether the line being received already shows that it does not continue the held step line, so the record
   * need not wait for the newline: it contains a carriage return (tqdm redrawing its bar), or it starts a new
   * step line. Decided only on what the complete line would show too, so chunking cannot change the result.
   */
  private partialEndsPending(): boolean {
    const partial = this.partial;
    const cr = partial.indexOf('\r');
    if (cr !== -1 && cr < partial.length - 1) return true;
    if (partial.length < 6) return false;
    const text = cleanConsoleLine(partial).text.trimStart();
    return text.length > 5 && isStepStart(text);
  }

  end(): MetricRecord[] {
    if (this.partial !== '') {
      const line = this.partial;
      this.partial = '';
      this.physicalLine(line);
    }
    if (this.pending) this.finishPending();
    if (this.block) this.abandonBlock();
    return this.take();
  }

  flush(): MetricRecord[] {
    const pending = this.pending;
    if (pending && (!pending.emitted || pending.amended)) {
      const parsed = parseStepText(pending.text, this.keys, () => undefined);
      if (parsed) this.emit(parsed.step, parsed.values, pending.line);
      pending.emitted = true;
      pending.amended = false;
    }
    return this.take();
  }

  private take(): MetricRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private physicalLine(raw: string): void {
    const number = ++this.count;
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (text.indexOf('\r') === -1) {
      this.logicalLine(text, number, true);
      return;
    }
    if (this.pending) this.finishPending();
    for (const segment of text.split('\r')) {
      if (segment !== '') this.logicalLine(segment, number, false);
    }
  }

  private logicalLine(raw: string, number: number, mayContinue: boolean): void {
    const { source, text } = cleanConsoleLine(raw);
    const trimmed = text.trimStart();
    const stepStart = isStepStart(trimmed);
    const pending = this.pending;
    if (pending) {
      if (stepStart) {
        this.finishPending();
      } else if (source === pending.source || source === '') {
        if (mayContinue && continuesStepLine(pending.text, text)) {
          pending.text += text;
          pending.amended = pending.emitted;
          return;
        }
        this.finishPending();
      }
    }
    const block = this.block;
    if (block && source === block.source) {
      if (block.accepts(text)) {
        this.advanceBlock(block.add(text));
        return;
      }
      this.abandonBlock();
    }
    if (stepStart) {
      this.pending = { source, line: number, text: trimmed, emitted: false, amended: false };
      return;
    }
    const first = trimmed.charCodeAt(0);
    if (first === 123 /* { */) {
      const parsed = parseJsonMetricLine(trimmed, (message) => this.warn(number, message));
      if (parsed) this.emit(parsed.step, parsed.values, number);
      return;
    }
    const opened = ValidationBlock.start(trimmed, source, number);
    if (opened) {
      if (this.pending) this.finishPending();
      if (this.block) this.abandonBlock();
      this.block = opened;
      this.advanceBlock(opened.add(trimmed));
      return;
    }
    if (trimmed.includes('step:')) {
      const bar = STEP_AFTER_BAR.exec(trimmed);
      if (bar) this.pending = { source, line: number, text: trimmed.slice(bar.index + bar[0].length), emitted: false, amended: false };
    }
  }

  private finishPending(): void {
    const pending = this.pending!;
    this.pending = undefined;
    const parsed = parseStepText(pending.text, this.keys, (message) => this.warn(pending.line, message));
    if (parsed && (!pending.emitted || pending.amended)) this.emit(parsed.step, parsed.values, pending.line);
  }

  private advanceBlock(scan: BlockScan): void {
    if (scan.kind === 'open') return;
    const block = this.block!;
    this.block = undefined;
    if (scan.kind === 'invalid') {
      this.warn(block.line, `could not read the ${block.kind} validation metrics: expected ${scan.expected}`);
      return;
    }
    const metrics = scan.value;
    for (const problem of metrics.problems) this.warn(block.line, problem);
    const step = metrics.step ?? (metrics.kind === 'initial' ? 0 : this.lastStep);
    if (step === undefined) {
      this.warn(block.line, 'final validation metrics printed before any step: expected a "step" entry to place them');
      return;
    }
    this.emit(step, metrics.values, block.line);
  }

  private abandonBlock(): void {
    const block = this.block!;
    this.block = undefined;
    this.warn(block.line, `the ${block.kind} validation metrics end early: expected the rest of the printed dict`);
  }

  private emit(step: number, values: ReadonlyMap<string, number>, line: number): void {
    this.lastStep = step;
    if (values.size > 0) this.out.push({ step, values, line });
  }

  private warn(line: number, message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ line, message });
    else if (this.warnings.length === MAX_WARNINGS) this.warnings.push({ line, message: `expected fewer malformed lines: only the first ${MAX_WARNINGS} warnings are listed` });
  }
}
