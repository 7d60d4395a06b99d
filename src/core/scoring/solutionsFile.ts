/** A LaSeR eval JSONL (one problem per line: `problem`, `responses[]`, …) read for scoring, with per-line problems. */
export interface SolutionsLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly raw: string;
  /** Absent when the whole line cannot be scored (then `error` says why). */
  readonly record?: Record<string, unknown> & { readonly problem: string; readonly responses: readonly unknown[] };
  readonly error?: string;
  /** Response index → why that response is not scored. */
  readonly responseErrors: ReadonlyMap<number, string>;
}

export class SolutionsFileError extends Error {}

/** Strict UTF-8: a file that is not gets the line, column and byte of the first bad sequence. */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const byte = (bytes[at] ?? 0).toString(16).padStart(2, '0');
    throw new SolutionsFileError(`${label}:${line}: not UTF-8 (byte 0x${byte} at column ${at - lineStart + 1}); expected a UTF-8 JSONL file`);
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const [need, min] = b < 0x80 ? [0, 0] : b >= 0xc2 && b < 0xe0 ? [1, 0x80] : b >= 0xe0 && b < 0xf0 ? [2, 0x800] : b >= 0xf0 && b < 0xf5 ? [3, 0x10000] : [-1, 0];
    if (need < 0 || i + need >= bytes.length + (need === 0 ? 1 : 0)) return i;
    let code = need === 0 ? b : b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}

/** Every non-blank line parsed; what is wrong with a line or one of its responses is recorded on it. */
export function parseSolutionsFile(text: string): SolutionsLine[] {
  const lines: SolutionsLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (!raw.trim()) return;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      lines.push({ line, raw, error: `not valid JSON (${(e as Error).message})`, responseErrors: new Map() });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      lines.push({ line, raw, error: 'expected a JSON object with "problem" and "responses"', responseErrors: new Map() });
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.problem !== 'string') {
      lines.push({ line, raw, error: 'no "problem" string', responseErrors: new Map() });
      return;
    }
    if (!Array.isArray(record.responses)) {
      lines.push({ line, raw, error: 'no "responses" list', responseErrors: new Map() });
      return;
    }
    const responseErrors = new Map<number, string>();
    record.responses.forEach((r: unknown, j: number) => {
      if (typeof r !== 'string') responseErrors.set(j, `response ${j} is not a string`);
      else if (r === '') responseErrors.set(j, `response ${j} is empty`);
    });
    lines.push({ line, raw, record: record as SolutionsLine['record'] & object, responseErrors });
  });
  return lines;
}
