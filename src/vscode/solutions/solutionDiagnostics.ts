import * as vscode from 'vscode';
import type { SolutionDocuments } from './solutionDocuments';
import { isJsonl } from './solutionDocuments';

const DEBOUNCE_MS = 500;
const SETTING = 'laser.solutions.disagreementDiagnostics';

function list(items: readonly { index: number; score: number }[]): string {
  return items.map((r) => `#${r.index} (${r.score.toFixed(2)})`).join(', ');
}

/**
 * Problems-panel entries for a solution file: lines that cannot be read (always), and — when
 * `laser.solutions.disagreementDiagnostics` is on — responses where self-reward and verifier disagree, both ways.
 */
export class SolutionDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('laser-solutions');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly documents: SolutionDocuments) {
    this.disposables = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    ];
    this.refresh();
  }

  refresh(): void {
    for (const document of vscode.workspace.textDocuments) this.update(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isJsonl(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      this.update(document);
    }, DEBOUNCE_MS));
  }

  private update(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const parsed = this.documents.all(document);
    if (!parsed) {
      this.collection.delete(document.uri);
      return;
    }
    const diagnostics: vscode.Diagnostic[] = parsed.issues.map((issue) => {
      const d = new vscode.Diagnostic(document.lineAt(issue.line).range, `Line ${issue.line + 1}: ${issue.message}`, vscode.DiagnosticSeverity.Warning);
      d.source = 'LaSeR';
      return d;
    });
    if (vscode.workspace.getConfiguration().get<boolean>(SETTING, false)) {
      const threshold = this.documents.currentThreshold;
      for (const problem of parsed.problems) {
        const range = document.lineAt(problem.line).range;
        const scored = problem.responses.filter((r): r is typeof r & { score: number; correct: boolean } => r.score !== null && r.correct !== null);
        const falsePositive = scored.filter((r) => r.score > threshold && !r.correct);
        const falseNegative = scored.filter((r) => r.score <= threshold && r.correct);
        if (falsePositive.length) {
          diagnostics.push(disagreement(range, `Self-reward says correct, verifier says wrong: ${list(falsePositive)} (threshold ${threshold})`));
        }
        if (falseNegative.length) {
          diagnostics.push(disagreement(range, `Self-reward says wrong, verifier says correct: ${list(falseNegative)} (threshold ${threshold})`));
        }
      }
    }
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function disagreement(range: vscode.Range, message: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Information);
  d.source = 'LaSeR self-reward';
  return d;
}
