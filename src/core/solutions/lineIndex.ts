import { parseSolutionLines, type ParsedSolutions } from './parseSolutions';

const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Byte offsets of the lines of `buf`: line i spans [index[i], index[i + 1]) including its "\n", so a file of L lines
 * gives L + 1 entries (the last is buf.length). A final line without "\n" counts; an empty buffer has no lines.
 * Float64Array so that offsets past 4 GiB stay exact.
 */
export function indexLines(buf: Uint8Array): Float64Array {
  let count = 0;
  for (let at = buf.indexOf(NEWLINE); at !== -1; at = buf.indexOf(NEWLINE, at + 1)) count++;
  const last = buf.length > 0 && buf[buf.length - 1] !== NEWLINE ? 1 : 0;
  const index = new Float64Array(count + last + 1);
  let line = 1;
  for (let at = buf.indexOf(NEWLINE); at !== -1; at = buf.indexOf(NEWLINE, at + 1)) index[line++] = at + 1;
  index[index.length - 1] = buf.length;
  return index;
}

/** Number of lines in an index made by indexLines. */
export function lineCount(index: Float64Array): number {
  return index.length - 1;
}

/** Line i (0-based) as text, without its "\n" or "\r\n". */
export function readLine(buf: Buffer, index: Float64Array, i: number): string {
  if (i < 0 || i >= index.length - 1) throw new RangeError(`line ${i} is outside the ${index.length - 1} lines of the file`);
  const start = index[i]!;
  let end = index[i + 1]!;
  if (end > start && buf[end - 1] === NEWLINE) end--;
  if (end > start && buf[end - 1] === RETURN) end--;
  return buf.toString('utf8', start, end);
}

/** parseSolutionsText for a file read as bytes, without making one string of the whole file. */
export function parseSolutionsBuffer(buf: Buffer, index: Float64Array = indexLines(buf)): ParsedSolutions {
  return parseSolutionLines(lineCount(index), (i) => readLine(buf, index, i));
}
