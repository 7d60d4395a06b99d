import { readDictLiteral, readLiteralSequence, readStringLiteral, skipSpace, startsStringLiteral, type Scan } from './pythonLiteral';
import { parseVerlNumber } from './verlNumber';

/**
 * verl prints `pprint(f"Initial validation metrics: {val_metrics}")` before training and the same with "Final"
 * after the last step. pprint writes that str as one quoted literal, or, when it is longer than 80 columns, as
 * adjacent literals inside parentheses, one per line (under Ray each line gets the worker prefix). Other
 * trainers print the dict bare, sometimes pprinted over several lines.
 */
const HEADER = /^\(?\s*(?:[rRuUbB]{0,2}['"])?(Initial|Final) validation metrics: ?/;
const MAX_LINES = 10_000;
const MAX_CHARS = 4_000_000;

type Form = 'parenthesized' | 'quoted' | 'bare';

export interface ValidationMetrics {
  readonly kind: 'initial' | 'final';
  /** The `step` entry of the dict, when it has one. */
  readonly step: number | undefined;
  readonly values: Map<string, number>;
  /** Entries that were not numbers, as warning messages. */
  readonly problems: readonly string[];
}

export type BlockScan = Scan<ValidationMetrics>;

/** A validation-metrics print being received line by line. */
export class ValidationBlock {
  private readonly lines: string[] = [];
  private chars = 0;

  private constructor(
    readonly kind: 'initial' | 'final',
    readonly source: string,
    readonly line: number,
    private readonly form: Form,
  ) {}

  /** Starts a block when `text` (a cleaned line) opens one. */
  static start(text: string, source: string, line: number): ValidationBlock | undefined {
    const trimmed = text.trimStart();
    const first = trimmed[0];
    if (first !== '(' && first !== 'I' && first !== 'F' && !startsStringLiteral(trimmed, 0)) return undefined;
    const header = HEADER.exec(trimmed);
    if (!header) return undefined;
    const form: Form = first === '(' ? 'parenthesized' : first === 'I' || first === 'F' ? 'bare' : 'quoted';
    return new ValidationBlock(header[1] === 'Initial' ? 'initial' : 'final', source, line, form);
  }

  /** Whether `text` can be the next line: pprint's continuation lines start with a literal or a closing bracket. */
  accepts(text: string): boolean {
    const trimmed = text.trimStart();
    return startsStringLiteral(trimmed, 0) || trimmed[0] === ')' || trimmed[0] === '}';
  }

  add(text: string): BlockScan {
    this.lines.push(text);
    this.chars += text.length;
    if (this.lines.length > MAX_LINES || this.chars > MAX_CHARS) return { kind: 'invalid', at: 0, expected: 'the end of the validation metrics within 10,000 lines' };
    return this.scan();
  }

  private scan(): BlockScan {
    const text = this.lines.join('\n');
    const content = this.form === 'bare' ? text : this.decode(text);
    if (typeof content !== 'string') return content;
    const header = HEADER.exec(content);
    const brace = content.indexOf('{', header ? header[0].length : 0);
    if (brace === -1) return { kind: 'invalid', at: 0, expected: 'a {…} dict of metrics' };
    const dict = readDictLiteral(content, brace);
    if (dict.kind === 'open' && this.form !== 'bare') return { kind: 'invalid', at: content.length, expected: 'the rest of the dict (the printed text ends inside it)' };
    if (dict.kind !== 'done') return dict;
    let step: number | undefined;
    const values = new Map<string, number>();
    const problems: string[] = [];
    for (const { key, raw } of dict.value) {
      const value = parseVerlNumber(raw);
      if (value === undefined) problems.push(`expected a number for "${key}", found "${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}"`);
      else if (key === 'step') step = value;
      else values.set(key, value);
    }
    return { kind: 'done', value: { kind: this.kind, step, values, problems }, end: text.length };
  }

  /** The printed str, from its Python literal(s). */
  private decode(text: string): string | BlockScan {
    if (this.form === 'quoted') {
      const literal = readStringLiteral(text, skipSpace(text, 0));
      return literal.kind === 'done' ? literal.value : literal;
    }
    const sequence = readLiteralSequence(text, skipSpace(text, text.indexOf('(') + 1));
    if (sequence.kind !== 'done') return sequence;
    const close = skipSpace(text, sequence.end);
    if (close === text.length) return { kind: 'open' };
    return text[close] === ')' ? sequence.value : { kind: 'invalid', at: close, expected: '")" after the printed text' };
  }
}
