import { join } from 'node:path';
import * as vscode from 'vscode';
import { applyScores } from '../../core/solutions/applyScores';
import { DETECT_WITHIN, parseSolutionLine, parseSolutionLines, type ParsedLine, type ParsedSolutions } from '../../core/solutions/parseSolutions';
import { sidecarScores, type SidecarScores } from '../../core/solutions/sidecarScores';
import { summarizeProblem, type ProblemSummary } from '../../core/solutions/summary';
import type { SolutionFormat, SolutionProblem } from '../../core/solutions/types';

export const SOLUTION_SELECTOR: vscode.DocumentSelector = [{ language: 'jsonl' }, { pattern: '**/*.jsonl' }];

export function isJsonl(document: vscode.TextDocument): boolean {
  return document.languageId === 'jsonl' || document.uri.path.toLowerCase().endsWith('.jsonl');
}

interface Entry {
  readonly version: number;
  readonly format: SolutionFormat | undefined;
  readonly lines: Map<number, ParsedLine>;
  readonly summaries: Map<number, ProblemSummary>;
  all?: ParsedSolutions;
  /** Scores cached by "Score Solutions File…" for this exact content; they replace the file's own. */
  scored?: SidecarScores;
}

/**
 * What the open solution documents hold, parsed lazily: only the lines asked for (the visible ones, a hovered one),
 * kept until the document changes. The whole file is parsed only for CodeLens and diagnostics.
 */
export class SolutionDocuments implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly scoresChanged = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a document's problems changed because sidecar scores were found (or went away). */
  readonly onDidChangeScores = this.scoresChanged.event;

  constructor(private threshold: number) {}

  dispose(): void {
    this.scoresChanged.dispose();
  }

  /** Looks for sidecar scores again (a scoring run wrote or removed some). */
  rescanScores(): void {
    const open = [...this.entries.keys()];
    this.entries.clear();
    for (const key of open) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (document) this.entry(document);
    }
  }

  /** The sidecar cache whose scores a document shows, if any. */
  scoredBy(document: vscode.TextDocument): SidecarScores | undefined {
    return this.entry(document)?.scored;
  }

  setThreshold(threshold: number): void {
    this.threshold = threshold;
    for (const entry of this.entries.values()) entry.summaries.clear();
  }

  get currentThreshold(): number {
    return this.threshold;
  }

  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }

  /** The layout of a document, or undefined when it is not a solution file. */
  format(document: vscode.TextDocument): SolutionFormat | undefined {
    return this.entry(document)?.format;
  }

  problem(document: vscode.TextDocument, line: number): SolutionProblem | undefined {
    const entry = this.entry(document);
    if (!entry?.format || line < 0 || line >= document.lineCount) return undefined;
    let parsed = entry.lines.get(line);
    if (!parsed) {
      parsed = withScores(parseSolutionLine(document.lineAt(line).text, line, entry.format), entry.scored);
      entry.lines.set(line, parsed);
    }
    return parsed.kind === 'problem' ? parsed.problem : undefined;
  }

  summary(document: vscode.TextDocument, line: number): ProblemSummary | undefined {
    const entry = this.entry(document);
    const problem = this.problem(document, line);
    if (!entry || !problem) return undefined;
    let summary = entry.summaries.get(line);
    if (!summary) {
      summary = summarizeProblem(problem, this.threshold);
      entry.summaries.set(line, summary);
    }
    return summary;
  }

  /** Every problem and issue of a solution document; undefined for other documents. */
  all(document: vscode.TextDocument): ParsedSolutions | undefined {
    const entry = this.entry(document);
    if (!entry?.format) return undefined;
    if (!entry.all) {
      const parsed = parseSolutionLines(document.lineCount, (i) => document.lineAt(i).text);
      entry.all = entry.scored ? { ...parsed, problems: applyScores(parsed.problems, entry.scored.scores) } : parsed;
    }
    return entry.all;
  }

  private entry(document: vscode.TextDocument): Entry | undefined {
    if (!isJsonl(document)) return undefined;
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version) return cached;
    const entry: Entry = { version: document.version, format: detect(document), lines: new Map(), summaries: new Map() };
    this.entries.set(key, entry);
    if (entry.format) void this.lookUpScores(document, entry);
    return entry;
  }

  private async lookUpScores(document: vscode.TextDocument, entry: Entry): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder || document.isDirty || document.uri.scheme !== 'file') return;
    let scored: SidecarScores | undefined;
    try {
      scored = await sidecarScores(join(folder.uri.fsPath, '.laser'), await vscode.workspace.fs.readFile(document.uri));
    } catch {
      return; // unreadable caches are the same as none
    }
    if (!scored || this.entries.get(document.uri.toString()) !== entry || document.version !== entry.version) return;
    entry.scored = scored;
    entry.lines.clear();
    entry.summaries.clear();
    entry.all = undefined;
    this.scoresChanged.fire(document.uri);
  }
}

function withScores(parsed: ParsedLine, scored: SidecarScores | undefined): ParsedLine {
  if (!scored || parsed.kind !== 'problem') return parsed;
  return { ...parsed, problem: applyScores([parsed.problem], scored.scores)[0]! };
}

/** The layout, from the first recognised record among the first DETECT_WITHIN non-blank lines (as the parser decides). */
function detect(document: vscode.TextDocument): SolutionFormat | undefined {
  let seen = 0;
  for (let i = 0; i < document.lineCount && seen < DETECT_WITHIN; i++) {
    const text = document.lineAt(i).text;
    if (text.trim() === '') continue;
    seen++;
    const parsed = parseSolutionLine(text, i);
    if (parsed.kind === 'problem') return parsed.format;
  }
  return undefined;
}
