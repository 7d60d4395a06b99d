import { childPath } from './fieldReader';

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export type JsonScan =
  | { readonly ok: true; readonly value: unknown; readonly positions: ReadonlyMap<string, TextPosition> }
  | ({ readonly ok: false; readonly message: string } & TextPosition);

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses strict JSON and remembers where each field starts (paths as in profile errors: `laser.padTokenId`, `gpus[1]`),
 * so that both syntax errors and validation errors can name a line. `JSON.parse` reports positions differently per Node version.
 */
export function scanJson(text: string): JsonScan {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const scanner = new Scanner(source);
  try {
    scanner.skipSpace();
    scanner.value('');
    scanner.skipSpace();
    if (scanner.pos < source.length) throw new JsonSyntaxError(`unexpected ${scanner.describe()} after the JSON value`, scanner.pos);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, message: error.message, ...positionOf(source, error.offset) };
  }
  return { ok: true, value: JSON.parse(source) as unknown, positions: new Map([...scanner.offsets].map(([path, offset]) => [path, positionOf(source, offset)])) };
}

function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

class Scanner {
  pos = 0;
  readonly offsets = new Map<string, number>();

  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  describe(): string {
    return this.pos >= this.text.length ? 'end of file' : `character ${JSON.stringify(this.text[this.pos])}`;
  }

  fail(expected: string): never {
    throw new JsonSyntaxError(`expected ${expected}, found ${this.describe()}`, this.pos);
  }

  value(path: string): void {
    const c = this.text[this.pos];
    if (c === '{') this.object(path);
    else if (c === '[') this.array(path);
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (!this.literal('true') && !this.literal('false') && !this.literal('null')) this.fail('a value');
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  private object(path: string): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail(this.text[this.pos] === '}' ? 'a property name (no trailing comma)' : 'a property name in double quotes');
      const start = this.pos;
      const key = JSON.parse(this.text.slice(start, this.string())) as string;
      const member = childPath(path, key);
      this.offsets.set(member, start);
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('":" after the property name');
      this.pos++;
      this.skipSpace();
      this.value(member);
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] === '}') {
        this.pos++;
        return;
      } else this.fail('"," or "}"');
    }
  }

  private array(path: string): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (let i = 0; ; i++) {
      this.skipSpace();
      if (this.text[this.pos] === ']') this.fail('a value (no trailing comma)');
      this.offsets.set(childPath(path, i), this.pos);
      this.value(childPath(path, i));
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] === ']') {
        this.pos++;
        return;
      } else this.fail('"," or "]"');
    }
  }

  /** Consumes a string literal and returns the offset just after it. */
  private string(): number {
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') return ++this.pos;
      if (c === '\\') {
        const escape = this.text[this.pos + 1];
        if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.pos += 6;
        else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) this.pos += 2;
        else throw new JsonSyntaxError('invalid escape in a string', this.pos);
      } else if (c < ' ') throw new JsonSyntaxError('unescaped control character (a line break?) in a string', this.pos);
      else this.pos++;
    }
    throw new JsonSyntaxError('unterminated string', this.pos);
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('a number');
    this.pos += match[0].length;
  }
}
