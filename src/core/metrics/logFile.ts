import { readFile } from 'node:fs/promises';
import type { MetricRecord } from './record';
import { parseVerlConsoleLine } from './verlConsole';

/** Reads a run's output.log and returns the metric records in it, in file order. */
export async function readConsoleMetrics(path: string): Promise<MetricRecord[]> {
  const text = await readFile(path, 'utf8');
  const records: MetricRecord[] = [];
  for (const line of text.split(/\r?\n/)) {
    const record = parseVerlConsoleLine(line);
    if (record) records.push(record);
  }
  return records;
}
