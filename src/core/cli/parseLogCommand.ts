import { parseLogFile } from '../metrics/logFile';

export interface ParseLogIo {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = 'Usage: laser-lab parse-log <file> --json\n';
const FLUSH_AT = 1 << 16;

/** JSON has no NaN or Infinity: they are written as the strings "NaN", "Infinity", "-Infinity". -0 keeps its sign. */
function jsonNumber(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (Number.isFinite(value)) return JSON.stringify(value);
  return Number.isNaN(value) ? '"NaN"' : value > 0 ? '"Infinity"' : '"-Infinity"';
}

/**
 * `laser-lab parse-log <file> --json` (`args` are the words after `parse-log`): prints one line per step,
 * `{"step":N,"metrics":{…}}`, in step order with every value logged for that step merged (later ones win), then
 * `{"warnings":[{"line":L,"message":"…"},…]}`. Exit code 0 once the file was read, warnings or not; 2 for wrong
 * arguments; 1 when the file cannot be read.
 */
export async function parseLogCommand(args: readonly string[], io: ParseLogIo): Promise<number> {
  const words = args[0] === 'parse-log' ? args.slice(1) : args;
  if (words.includes('--help') || words.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const files = words.filter((word) => !word.startsWith('-'));
  const unknown = words.filter((word) => word.startsWith('-') && word !== '--json');
  if (unknown.length > 0 || files.length !== 1 || !words.includes('--json')) {
    const problem =
      unknown.length > 0 ? `unknown option ${unknown.join(', ')}` : files.length !== 1 ? 'expected exactly one log file' : '--json is required (the only output format)';
    io.err(`laser-lab parse-log: ${problem}.\n${USAGE}`);
    return 2;
  }
  const file = files[0]!;
  const steps = new Map<number, Map<string, number>>();
  let summary;
  try {
    summary = await parseLogFile(file, (records) => {
      for (const record of records) {
        let merged = steps.get(record.step);
        if (!merged) steps.set(record.step, (merged = new Map()));
        for (const [key, value] of record.values) merged.set(key, value);
      }
    });
  } catch (error) {
    io.err(`laser-lab parse-log: cannot read "${file}": ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  let buffer = '';
  for (const step of [...steps.keys()].sort((a, b) => a - b)) {
    const fields: string[] = [];
    for (const [key, value] of steps.get(step)!) fields.push(`${JSON.stringify(key)}:${jsonNumber(value)}`);
    buffer += `{"step":${JSON.stringify(step)},"metrics":{${fields.join(',')}}}\n`;
    if (buffer.length >= FLUSH_AT) {
      io.out(buffer);
      buffer = '';
    }
  }
  io.out(`${buffer}${JSON.stringify({ warnings: summary.warnings.map(({ line, message }) => ({ line, message })) })}\n`);
  return 0;
}
