import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogParser } from '../../../../src/core/metrics/logParser';
import type { ParseWarning } from '../../../../src/core/metrics/parseWarning';

/** Tests are bundled to out/test/unit/core/metrics/, five levels below the repository root. */
export const ROOT = join(__dirname, '..', '..', '..', '..', '..');
export const LOGS = join(ROOT, 'test', 'fixtures', 'logs');

/** The fixture logs (test/fixtures/logs/generate.py writes them with their expected output). */
export const FIXTURES = readdirSync(LOGS).filter((name) => /\.(log|jsonl)$/.test(name) && !name.includes('.expected.')).sort();

export const fixturePath = (name: string): string => join(LOGS, name);
export const fixtureText = (name: string): string => readFileSync(fixturePath(name), 'utf8');
export const expectedLines = (name: string): unknown[] =>
  readFileSync(join(LOGS, name.replace(/\.(log|jsonl)$/, '.expected.jsonl')), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);

export interface Parsed {
  readonly records: { step: number; line: number | undefined; values: [string, number][] }[];
  readonly warnings: readonly ParseWarning[];
  readonly lines: number;
}

/** Feeds `text` to a fresh parser in the given chunks. */
export function parseChunks(chunks: Iterable<string>): Parsed {
  const parser = createLogParser();
  const records = [];
  for (const chunk of chunks) records.push(...parser.push(chunk));
  records.push(...parser.end());
  return { records: records.map((r) => ({ step: r.step, line: r.line, values: [...r.values] })), warnings: [...parser.warnings], lines: parser.lines };
}

/** Deterministic pseudo-random chunk sizes (a linear congruential generator). */
export function* randomChunks(text: string, seed: number, maxSize: number): Generator<string> {
  let state = seed >>> 0;
  for (let at = 0; at < text.length; ) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const size = 1 + (state % maxSize);
    yield text.slice(at, at + size);
    at += size;
  }
}

export function* characters(text: string): Generator<string> {
  for (let i = 0; i < text.length; i++) yield text[i]!;
}

/** `{"step":N,"metrics":{…}}` lines from records, the way `laser-lab parse-log --json` merges them. */
export function mergedBySteps(records: Parsed['records']): unknown[] {
  const steps = new Map<number, Map<string, number>>();
  for (const record of records) {
    let merged = steps.get(record.step);
    if (!merged) steps.set(record.step, (merged = new Map()));
    for (const [key, value] of record.values) merged.set(key, value);
  }
  const json = (v: number): number | string => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v);
  return [...steps.keys()].sort((a, b) => a - b).map((step) => ({ step, metrics: Object.fromEntries([...steps.get(step)!].map(([k, v]) => [k, json(v)])) }));
}
