/**
 * Just enough of Python's literal syntax to read what `print`/`pprint` write for a dict of metrics: string
 * literals (adjacent ones concatenate, as pprint splits long strings) and `{key: value, …}` with arbitrary
 * values kept as source text. Every reader reports `open` when the text ends before the literal does, so a
 * caller that receives the text line by line knows to wait for more.
 */

export type Scan<T> = { readonly kind: 'done'; readonly value: T; readonly end: number } | { readonly kind: 'open' } | { readonly kind: 'invalid'; readonly at: number; readonly expected: string };

const OPEN = { kind: 'open' } as const;
const invalid = (at: number, expected: string) => ({ kind: 'invalid', at, expected }) as const;
const done = <T>(value: T, end: number) => ({ kind: 'done', value, end }) as const;

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\u0007', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

export function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Whether a string literal (with an optional r/u/b prefix) starts at `i`. */
export function startsStringLiteral(text: string, i: number): boolean {
  let j = i;
  while (j < i + 2 && /[rRuUbB]/.test(text[j] ?? '')) j++;
  return text[j] === "'" || text[j] === '"';
}

/** Reads one single-line string literal starting at `i`. */
export function readStringLiteral(text: string, i: number): Scan<string> {
  let j = i;
  let raw = false;
  while (j < i + 2 && /[rRuUbB]/.test(text[j] ?? '')) raw ||= /[rR]/.test(text[j++]!);
  const quote = text[j];
  if (quote !== "'" && quote !== '"') return invalid(i, 'a string');
  let value = '';
  for (j++; j < text.length; j++) {
    const c = text[j]!;
    if (c === quote) return done(value, j + 1);
    if (c === '\n') return invalid(j, `a closing ${quote}`);
    if (c !== '\\' || raw) {
      value += c;
      continue;
    }
    const next = text[++j];
    if (next === undefined) return OPEN;
    const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hex > 0) {
      const digits = text.slice(j + 1, j + 1 + hex);
      if (digits.length < hex) return OPEN;
      value += String.fromCodePoint(parseInt(digits, 16));
      j += hex;
    } else {
      value += ESCAPES[next] ?? `\\${next}`;
    }
  }
  return OPEN;
}

/** Reads adjacent string literals (`'a' 'b'`, across lines) from `i` and joins them. */
export function readLiteralSequence(text: string, i: number): Scan<string> {
  let value = '';
  let j = i;
  for (;;) {
    const literal = readStringLiteral(text, j);
    if (literal.kind !== 'done') return literal;
    value += literal.value;
    const next = skipSpace(text, literal.end);
    // Another literal may follow on a line not received yet.
    if (next === text.length) return OPEN;
    if (!startsStringLiteral(text, next)) return done(value, literal.end);
    j = next;
  }
}

export interface DictEntry {
  readonly key: string;
  /** The value as written, e.g. `np.float64(0.5)`. */
  readonly raw: string;
}

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** Reads a value up to the `,` or `}` that ends it, keeping nested brackets and strings whole. */
function readValue(text: string, i: number): Scan<string> {
  const stack: string[] = [];
  let j = i;
  while (j < text.length) {
    const c = text[j]!;
    if (stack.length === 0 && (c === ',' || c === '}')) return done(text.slice(i, j).trim(), j);
    if (startsStringLiteral(text, j)) {
      const literal = readStringLiteral(text, j);
      if (literal.kind === 'done') {
        j = literal.end;
        continue;
      }
      if (literal.kind === 'open') return OPEN;
    }
    if (c in CLOSERS) stack.push(CLOSERS[c]!);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return invalid(j, 'balanced brackets');
    }
    j++;
  }
  return OPEN;
}

/** Reads `{key: value, …}` starting at the `{` at `i`. Keys are string literals (adjacent ones join) or bare words. */
export function readDictLiteral(text: string, i: number): Scan<DictEntry[]> {
  if (text[i] !== '{') return invalid(i, '"{"');
  const entries: DictEntry[] = [];
  let j = skipSpace(text, i + 1);
  for (;;) {
    if (j >= text.length) return OPEN;
    if (text[j] === '}') return done(entries, j + 1);
    let key: string;
    if (startsStringLiteral(text, j)) {
      const literal = readLiteralSequence(text, j);
      if (literal.kind !== 'done') return literal;
      key = literal.value;
      j = skipSpace(text, literal.end);
    } else {
      const colon = text.indexOf(':', j);
      if (colon === -1) return OPEN;
      key = text.slice(j, colon).trim();
      j = colon;
    }
    if (j >= text.length) return OPEN;
    if (text[j] !== ':') return invalid(j, `":" after '${key}'`);
    const value = readValue(text, j + 1);
    if (value.kind !== 'done') return value;
    entries.push({ key, raw: value.value });
    j = skipSpace(text, value.end);
    if (text[j] === ',') j = skipSpace(text, j + 1);
  }
}
