/** JSON lines our Python workers print on stdout (see python/laser_lab/events.py). */
export type WorkerEvent =
  | { readonly event: 'progress'; readonly done: number; readonly total: number }
  | { readonly event: 'metrics'; readonly step: number; readonly data: Record<string, number> }
  | { readonly event: 'result'; readonly [key: string]: unknown }
  /** `fatal: false`: a problem with one input `line`; the worker goes on with the others. */
  | { readonly event: 'error'; readonly message: string; readonly line?: number; readonly fatal?: boolean };

/** Parses one stdout line; lines that are not worker events (library chatter) give undefined. */
export function parseWorkerEvent(line: string): WorkerEvent | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const e = value as Record<string, unknown>;
  switch (e.event) {
    case 'progress':
      return typeof e.done === 'number' && typeof e.total === 'number' ? { event: 'progress', done: e.done, total: e.total } : undefined;
    case 'error':
      if (typeof e.message !== 'string') return undefined;
      return {
        event: 'error', message: e.message,
        ...(typeof e.line === 'number' ? { line: e.line } : {}),
        ...(typeof e.fatal === 'boolean' ? { fatal: e.fatal } : {}),
      };
    case 'result':
      return { ...e, event: 'result' };
    case 'metrics':
      return typeof e.step === 'number' && typeof e.data === 'object' && e.data !== null
        ? { event: 'metrics', step: e.step, data: e.data as Record<string, number> }
        : undefined;
    default:
      return undefined;
  }
}
