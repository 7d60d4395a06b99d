import { withDerivedMetrics } from '../metrics/derivedMetrics';
import { createLogParser, type LogParser } from '../metrics/logParser';
import type { MetricRecord } from '../metrics/record';

/** The log parser for a followed log: records come with their derived LaSeR metrics; warnings read "line N: …". */
export class LiveParser {
  private parser: LogParser = createLogParser();

  push(text: string): MetricRecord[] {
    return this.parser.push(text).map(withDerivedMetrics);
  }

  /** A step line held back in case the next line continues it: released once the log has gone quiet. */
  flush(): MetricRecord[] {
    return this.parser.flush().map(withDerivedMetrics);
  }

  warnings(): string[] {
    return this.parser.warnings.map((w) => `line ${w.line}: ${w.message}`);
  }

  reset(): void {
    this.parser = createLogParser();
  }
}
