import * as vscode from 'vscode';
import { BEST_RESPONSE_COMMAND, INSPECT_COMMAND } from './solutionCommands';
import type { SolutionDocuments } from './solutionDocuments';

/** "Inspect" and "Best response" above every problem of a solution file. */
export class SolutionCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly documents: SolutionDocuments) {}

  /** Asks VS Code for the lenses again (after a settings change). */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const parsed = this.documents.all(document);
    if (!parsed) return [];
    return parsed.problems.flatMap((problem) => {
      const range = new vscode.Range(problem.line, 0, problem.line, 0);
      const lenses = [
        new vscode.CodeLens(range, { title: 'Inspect', tooltip: 'Open this problem in the LaSeR Inspector', command: INSPECT_COMMAND, arguments: [document.uri, problem.line] }),
      ];
      const summary = this.documents.summary(document, problem.line);
      if (summary?.best) {
        const verdict = summary.best.correct === null ? '' : summary.best.correct ? ' ✓' : ' ✗';
        lenses.push(new vscode.CodeLens(range, {
          title: `Best response (#${summary.best.index}, ${summary.best.score.toFixed(2)}${verdict})`,
          tooltip: 'Open the response with the highest self-reward score',
          command: BEST_RESPONSE_COMMAND,
          arguments: [document.uri, problem.line],
        }));
      }
      return lenses;
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
