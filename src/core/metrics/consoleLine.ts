/** One console line with terminal decoration removed, and the Ray worker that printed it. */
export interface ConsoleLine {
  /** The Ray prefix without its parentheses (`TaskRunner pid=2817`), or '' when the line has none. */
  readonly source: string;
  readonly text: string;
}

// Ray starts every forwarded line with "(Name pid=N)", "(Name pid=N, ip=…)" or "(pid=N)".
const RAY_PREFIX = /^\(((?:[\w.:-]+ )?pid=\d+(?:, ?\w+=[^,)]*)*)\) ?/;
// Ray's log deduplication, optionally followed by its one-time explanation.
const RAY_REPEATED = /\s*\[repeated \d+x across cluster\](?: \(Ray deduplicates logs by default\..*\))?\s*$/;

/** Removes terminal control sequences: real ESC ones, their caret spelling `^[[36m`, and `[36m` left when the ESC byte was lost. */
export function stripAnsi(text: string): string {
  let bracket = text.indexOf('[');
  let out = '';
  let copied = 0;
  while (bracket !== -1) {
    const before = bracket > 0 ? text.charCodeAt(bracket - 1) : -1;
    const caret = before === 0x5e /* ^ */ && text.charCodeAt(bracket + 1) === 0x5b /* [ */;
    const escaped = before === 0x1b || caret;
    const start = escaped ? bracket - 1 : bracket;
    const end = sequenceEnd(text, bracket + (caret ? 2 : 1), escaped);
    if (end !== -1 && start >= copied) {
      out += text.slice(copied, start);
      copied = end;
    }
    bracket = text.indexOf('[', end === -1 ? bracket + 1 : end);
  }
  return stripEscapes(copied === 0 ? text : out + text.slice(copied));
}

/**
 * End of a control sequence whose parameters start at `i`; -1 when there is none. Without ESC only colour codes
 * with a number count (`[36m`, `[0m`), so that text such as `[model_runner.py]` is left alone.
 */
function sequenceEnd(text: string, i: number, escaped: boolean): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if ((c >= 48 && c <= 57) || c === 59 /* ; */ || (escaped && c >= 0x3c && c <= 0x3f)) j++;
    else break;
  }
  const final = text.charCodeAt(j);
  if (final === 0x6d /* m */ && (escaped || j > i)) return j + 1;
  if (escaped && final >= 0x40 && final <= 0x7e) return j + 1;
  return -1;
}

// Whatever ESC sequences remain (OSC hyperlinks, charset switches) and stray ESC bytes.
// eslint-disable-next-line no-control-regex -- matching the ESC byte is the point
const OTHER_ESCAPES = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[()][A-Za-z0-9]|\u001b[=>78]?/g;

function stripEscapes(text: string): string {
  return text.indexOf('\u001b') === -1 ? text : text.replace(OTHER_ESCAPES, '');
}

/** Cleans one physical line (or one `\r`-separated segment of it). */
export function cleanConsoleLine(raw: string): ConsoleLine {
  let text = stripAnsi(raw);
  let source = '';
  if (text.charCodeAt(0) === 40 /* ( */) {
    const prefix = RAY_PREFIX.exec(text);
    if (prefix) {
      source = prefix[1]!;
      text = text.slice(prefix[0].length);
    }
  }
  if (text.lastIndexOf(' [repeated ') !== -1) text = text.replace(RAY_REPEATED, '');
  return { source, text };
}
