import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseSolutionLine } from '../../core/solutions/parseSolutions';
import type { SolutionProblem } from '../../core/solutions/types';
import { bestOfN } from '../../core/solutions/voting';
import { SolutionFile } from './solutionFile';

/** The problem on `line`: from the open document when there is one (it may hold unsaved edits), else from disk. */
async function problemOnLine(file: vscode.Uri, line: number): Promise<SolutionProblem | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
  if (open) {
    if (line < 0 || line >= open.lineCount) return undefined;
    const parsed = parseSolutionLine(open.lineAt(line).text, line);
    return parsed.kind === 'problem' ? parsed.problem : undefined;
  }
  return (await SolutionFile.read(file)).problemAt(line);
}

export const RESPONSE_SCHEME = 'laser-response';

/**
 * Read-only Markdown documents of single responses: `laser-response:/<name> line L response I.md?<file uri>#L:I`.
 * The response is read from the file on disk when the document is opened.
 */
export class ResponseDocuments implements vscode.TextDocumentContentProvider {
  static uriFor(file: vscode.Uri, line: number, index: number): vscode.Uri {
    const name = `${path.basename(file.fsPath)} line ${line + 1} response ${index}.md`;
    return vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${name}`, query: file.toString(), fragment: `${line}:${index}` });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [line, index] = uri.fragment.split(':').map(Number);
    const problem = line === undefined ? undefined : await problemOnLine(vscode.Uri.parse(uri.query), line);
    const response = problem?.responses.find((r) => r.index === index);
    if (!problem || !response) return `Line ${(line ?? 0) + 1} of this file no longer holds response ${index}.`;
    const verdict = response.correct === null ? 'no verdict' : response.correct ? 'verifier ✓' : 'verifier ✗';
    const score = response.score === null ? 'unscored' : `self-reward ${response.score.toFixed(3)}`;
    const answer = response.pred === null ? 'no answer' : `answer \`${response.pred}\``;
    return [
      `# Line ${problem.line + 1} · response ${response.index} of ${problem.responses.length}`,
      '',
      `${score} · ${verdict} · ${answer} · ${response.length} characters`,
      '',
      '## Problem',
      '',
      problem.problem,
      '',
      '## Response',
      '',
      response.text,
      '',
    ].join('\n');
  }
}

/** Opens the best-of-N response (highest self-reward) of the problem on `line`. */
export async function openBestResponse(file: vscode.Uri, line: number): Promise<void> {
  const problem = await problemOnLine(file, line);
  const best = problem && bestOfN(problem.responses);
  if (!best) {
    void vscode.window.showInformationMessage(`${path.basename(file.fsPath)} line ${line + 1}: no response has a self-reward score yet.`);
    return;
  }
  const document = await vscode.workspace.openTextDocument(ResponseDocuments.uriFor(file, line, best.index));
  await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
