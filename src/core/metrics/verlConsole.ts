import { cleanConsoleLine } from './consoleLine';
import type { MetricRecord } from './record';
import { readNumber } from './verlNumber';

export { parseVerlNumber } from './verlNumber';

/** One parsed `step:N - key:value - …` text. */
export interface StepLine {
  readonly step: number;
  readonly values: Map<string, number>;
}

/** Whether `text` (a cleaned line) starts one of verl's console metric lines; `step: 5` (YAML) does not. */
export function isStepStart(text: string): boolean {
  return text.startsWith('step:') && text.charCodeAt(5) !== 32 /* space */;
}

const SNIPPET = 60;
const snippet = (text: string): string => (text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text);

/**
 * Parses a cleaned console metric line. `keys` remembers the key printed at each position: verl prints the same
 * keys in the same order every step, so the next line's keys are found equal to those strings and reuse them.
 */
export function parseStepText(text: string, keys: (string | undefined)[], warn: (message: string) => void): StepLine | undefined {
  const length = text.length;
  let i = 5;
  let step = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    step = step * 10 + (c - 48);
    i++;
  }
  const rest = text.slice(i, i + 3);
  if (i === 5 || (i < length && rest !== ' - ' && text.slice(i).trim() !== '')) {
    warn(`expected "step:<number> - key:value - …", found "${snippet(text)}"`);
    return undefined;
  }
  const values = new Map<string, number>();
  let position = i + 3;
  let index = 0;
  while (position < length) {
    let end = text.indexOf(' - ', position);
    if (end === -1) end = length;
    readField(text, position, end, index++, keys, values, warn);
    position = end + 3;
  }
  return { step, values };
}

function readField(
  text: string,
  from: number,
  to: number,
  index: number,
  keys: (string | undefined)[],
  values: Map<string, number>,
  warn: (message: string) => void,
): void {
  const colon = text.lastIndexOf(':', to - 1);
  if (colon < from) {
    const field = text.slice(from, to).trim();
    if (field !== '') warn(`expected key:value, found "${snippet(field)}"`);
    return;
  }
  // Comparing a slice with the remembered key is cheaper on V8 than startsWith(key, from), and the Map then
  // gets a string whose hash is already computed.
  const slice = text.slice(from, colon);
  let key = keys[index];
  if (slice !== key) {
    key = slice.trim();
    keys[index] = key;
  }
  const value = readNumber(text, colon + 1, to);
  if (key === '') warn(`expected a metric name before ":", found "${snippet(text.slice(from, to))}"`);
  else if (value === undefined) warn(`expected a number for "${key}", found "${snippet(text.slice(colon + 1, to).trim())}"`);
  else values.set(key, value);
}

/** Parses a single verl console line, Ray prefix and colours included; anything else gives undefined. */
export function parseVerlConsoleLine(raw: string): MetricRecord | undefined {
  const { text } = cleanConsoleLine(raw);
  const trimmed = text.trimStart();
  if (!isStepStart(trimmed)) return undefined;
  return parseStepText(trimmed, [], () => undefined);
}
