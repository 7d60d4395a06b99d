import { isNumberPrefix, parseVerlNumber } from './verlNumber';
import { isStepStart } from './verlConsole';

/** Metric names are printed without spaces or colons; this also keeps prose, tqdm bars and YAML out. */
const KEY = /^[^\s:]+$/;
const KEY_PREFIX = /^[^\s:]*$/;

function isField(piece: string): boolean {
  const colon = piece.indexOf(':');
  return colon > 0 && KEY.test(piece.slice(0, colon)) && parseVerlNumber(piece.slice(colon + 1)) !== undefined;
}

function isFieldPrefix(piece: string): boolean {
  const colon = piece.indexOf(':');
  if (colon === -1) return KEY_PREFIX.test(piece);
  return colon > 0 && KEY.test(piece.slice(0, colon)) && isNumberPrefix(piece.slice(colon + 1));
}

/**
 * Whether `line` continues the step line `pending` after a hard wrap (a terminal or a log collector that breaks
 * long lines at a fixed width, anywhere: inside a key, a value or a " - " separator).
 *
 * The two texts are joined without a separator and the field that `pending` ended in is re-read with the rest:
 * every complete piece must be `key:number` and the last piece, which may be cut again by the next wrap, must be
 * the start of one. A tqdm bar, a traceback, a log message or YAML fails this (spaces in names, no numbers), and
 * so does a line that would merely glue text onto a complete value (`0.5` + `foo`), while `actor/pg_lo` +
 * `ss:0.1 - …`, `…:0.` + `12 - …` and `… -` + ` key:1` pass.
 */
export function continuesStepLine(pending: string, line: string): boolean {
  if (line.trim() === '' || isStepStart(line.trimStart())) return false;
  const separator = pending.lastIndexOf(' - ');
  const tail = separator === -1 ? pending : pending.slice(separator + 3);
  const pieces = (tail + line).split(' - ');
  const last = pieces.length - 1;
  for (let i = 0; i < last; i++) {
    if (!isField(pieces[i]!.trim())) return false;
  }
  // The line may also end inside the next separator: "…:0.5 -".
  let end = pieces[last]!.trimEnd();
  if (end.endsWith(' -')) end = end.slice(0, -2).trimEnd();
  return isField(end) || isFieldPrefix(end);
}
