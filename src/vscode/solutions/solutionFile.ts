import * as vscode from 'vscode';
import { indexLines, lineCount, readLine } from '../../core/solutions/lineIndex';
import { parseSolutionLine, type ParsedSolutions } from '../../core/solutions/parseSolutions';
import type { SolutionFormat, SolutionProblem } from '../../core/solutions/types';
import { parseInSlices } from './parseInSlices';

/**
 * A solution file read from disk (not through a TextDocument, which VS Code does not give for big files): its bytes,
 * a line index, and problems parsed line by line on request.
 */
export class SolutionFile {
  private constructor(
    readonly uri: vscode.Uri,
    private readonly bytes: Buffer,
    private readonly index: Float64Array,
    readonly mtime: number,
  ) {}

  static async read(uri: vscode.Uri): Promise<SolutionFile> {
    const [stat, data] = await Promise.all([vscode.workspace.fs.stat(uri), vscode.workspace.fs.readFile(uri)]);
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return new SolutionFile(uri, bytes, indexLines(bytes), stat.mtime);
  }

  get lines(): number {
    return lineCount(this.index);
  }

  get size(): number {
    return this.bytes.length;
  }

  lineText(line: number): string {
    return readLine(this.bytes, this.index, line);
  }

  /** Problem on `line`, or undefined when that line is not one (blank, unreadable, another layout). */
  problemAt(line: number, format?: SolutionFormat): SolutionProblem | undefined {
    if (line < 0 || line >= this.lines) return undefined;
    const parsed = parseSolutionLine(this.lineText(line), line, format);
    return parsed.kind === 'problem' ? parsed.problem : undefined;
  }

  /** Every line (the first recognised record fixes the format), in slices that leave the extension host responsive. */
  parseAll(): Promise<ParsedSolutions> {
    return parseInSlices(this.lines, (i) => this.lineText(i));
  }
}
