import { createReadStream } from 'node:fs';
import { createLogParser } from './logParser';
import type { ParseWarning } from './parseWarning';
import type { MetricRecord } from './record';

export interface LogFileSummary {
  readonly warnings: readonly ParseWarning[];
  readonly lines: number;
}

/** Streams a log through the parser in 1 MiB chunks, handing each batch of records to `onRecords`. Rejects when the file cannot be read. */
export async function parseLogFile(path: string, onRecords: (records: MetricRecord[]) => void): Promise<LogFileSummary> {
  const parser = createLogParser();
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    const records = parser.push(chunk as string);
    if (records.length > 0) onRecords(records);
  }
  const rest = parser.end();
  if (rest.length > 0) onRecords(rest);
  return { warnings: parser.warnings, lines: parser.lines };
}
