import { SolutionLinesParser, type ParsedSolutions } from '../../core/solutions/parseSolutions';

/** Lines parsed between yields, so a file of tens of MB never holds the extension host for more than a few ms. */
export const LINES_PER_SLICE = 200;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** parseSolutionLines, giving the event loop a turn every LINES_PER_SLICE lines. */
export async function parseInSlices(count: number, lineAt: (i: number) => string): Promise<ParsedSolutions> {
  const parser = new SolutionLinesParser();
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % LINES_PER_SLICE === 0) await yieldToEventLoop();
    if (!parser.push(lineAt(i), i)) break;
  }
  return parser.result();
}
