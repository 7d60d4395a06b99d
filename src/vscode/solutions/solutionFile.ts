import { join } from 'node:path';
import * as vscode from 'vscode';
import { applyScores } from '../../core/solutions/applyScores';
import { indexLines, lineCount, readLine } from '../../core/solutions/lineIndex';
import { parseSolutionLine, type ParsedSolutions } from '../../core/solutions/parseSolutions';
import { sidecarScores, type SidecarScores } from '../../core/solutions/sidecarScores';
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
    /** Scores cached by "Score Solutions File…" for this exact content; they replace the file's own. */
    readonly scored: SidecarScores | undefined,
  ) {}

  static async read(uri: vscode.Uri): Promise<SolutionFile> {
    const [stat, data] = await Promise.all([vscode.workspace.fs.stat(uri), vscode.workspace.fs.readFile(uri)]);
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const scored = folder ? await sidecarScores(join(folder.uri.fsPath, '.laser'), bytes).catch(() => undefined) : undefined;
    return new SolutionFile(uri, bytes, indexLines(bytes), stat.mtime, scored);
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
    if (parsed.kind !== 'problem') return undefined;
    return this.scored ? applyScores([parsed.problem], this.scored.scores)[0] : parsed.problem;
  }

  /** Every line (the first recognised record fixes the format), in slices that leave the extension host responsive. */
  async parseAll(): Promise<ParsedSolutions> {
    const parsed = await parseInSlices(this.lines, (i) => this.lineText(i));
    return this.scored ? { ...parsed, problems: applyScores(parsed.problems, this.scored.scores) } : parsed;
  }
}
