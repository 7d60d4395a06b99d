import type { MetricRecord } from './record';

// ESC-based sequences, their caret spelling (^[[36m) and the residue left when the ESC byte was dropped ([36m).
// eslint-disable-next-line no-control-regex -- matching the ESC byte is the point
const ANSI = /(?:\u001b|\^\[)?\[[0-9;]*m/g;
// Ray prefixes every worker line, e.g. "(TaskRunner pid=123)" or "(WorkerDict pid=9, ip=10.0.0.1)".
const RAY_PREFIX = /^\s*\([A-Za-z_][\w.]*\s+pid=\d+(?:,\s*ip=[^)]*)?\)\s*/;
const RAY_REPEATED = /\s*\[repeated \d+x across cluster\]\s*$/;
const STEP = /^step:(\d+)\s+-\s+/;

/** Parses one of verl's console metric lines (`step:N - key:value - …`); anything else gives undefined. */
export function parseVerlConsoleLine(raw: string): MetricRecord | undefined {
  const line = raw.replace(ANSI, '').replace(RAY_PREFIX, '').replace(RAY_REPEATED, '').trim();
  const head = STEP.exec(line);
  if (!head) return undefined;
  const values = new Map<string, number>();
  for (const field of line.slice(head[0].length).split(' - ')) {
    const colon = field.lastIndexOf(':');
    if (colon <= 0) continue;
    const value = parseVerlNumber(field.slice(colon + 1));
    if (value !== undefined) values.set(field.slice(0, colon).trim(), value);
  }
  return { step: Number(head[1]), values };
}

/** Numbers as verl prints them: `0.123`, `1e-05`, `nan`, `-inf`, `np.float64(0.5)`. */
export function parseVerlNumber(text: string): number | undefined {
  const inner = /^np\.\w+\((.*)\)$/.exec(text.trim());
  const token = (inner ? inner[1] : text).trim().toLowerCase();
  if (token === 'nan') return Number.NaN;
  if (token === 'inf' || token === '+inf') return Number.POSITIVE_INFINITY;
  if (token === '-inf') return Number.NEGATIVE_INFINITY;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(token)) return undefined;
  return Number(token);
}
