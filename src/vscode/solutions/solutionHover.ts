import * as vscode from 'vscode';
import { describeSidecar } from '../../core/solutions/sidecarScores';
import { shortAnswer } from '../../core/solutions/summary';
import { readSettings } from '../settings';
import { INSPECT_COMMAND, SCORE_COMMAND } from './solutionCommands';
import type { SolutionDocuments } from './solutionDocuments';

/** Rows in a hover table; a problem with more responses says how many more the inspector shows. */
const MAX_ROWS = 64;

const mark = (value: boolean | null) => (value === null ? '—' : value ? '✓' : '✗');

/** Markdown table cells: no pipes or line breaks inside, code spans for answers. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function code(text: string): string {
  const flat = shortAnswer(text).replace(/`/g, 'ˋ');
  return `\`${cell(flat)}\``;
}

function commandLink(title: string, command: string, args: unknown[], hint: string): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))} "${hint}")`;
}

/** A hover on a problem line: its responses with verdicts and self-reward scores, the settings, and links. */
export class SolutionHoverProvider implements vscode.HoverProvider {
  constructor(private readonly documents: SolutionDocuments) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const problem = this.documents.problem(document, position.line);
    const summary = this.documents.summary(document, position.line);
    if (!problem || !summary) return undefined;
    const { selfReward } = readSettings();
    const threshold = this.documents.currentThreshold;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [INSPECT_COMMAND, SCORE_COMMAND] };
    md.supportHtml = false;
    const answer = problem.answer === null ? '' : ` · reference answer ${code(problem.answer)}`;
    md.appendMarkdown(`**Line ${problem.line + 1}** · ${summary.n} responses${answer}\n\n`);
    md.appendMarkdown(`| # | answer | verifier | score | SR > ${threshold} | length |\n|---:|:---|:---:|---:|:---:|---:|\n`);
    for (const r of problem.responses.slice(0, MAX_ROWS)) {
      const predicted = r.score === null ? '—' : mark(r.score > threshold);
      const score = r.score === null ? '—' : r.score.toFixed(3);
      const pred = r.pred === null ? '*none*' : code(r.pred);
      md.appendMarkdown(`| ${r.index} | ${pred} | ${mark(r.correct)} | ${score} | ${predicted} | ${r.length} |\n`);
    }
    if (problem.responses.length > MAX_ROWS) md.appendMarkdown(`\n*…${problem.responses.length - MAX_ROWS} more in the inspector*\n`);
    const scoredBy = this.documents.scoredBy(document);
    const source = scoredBy
      ? `Scores from the cache of LaSeR: Score Solutions File: ${cell(describeSidecar(scoredBy.sidecar))}.`
      : `Scores from the file; scoring settings: token id ${selfReward.tokenId}, β ${selfReward.beta}, c_ref ${selfReward.cRef}.`;
    md.appendMarkdown(`\n\nPredicted correct when score > ${threshold} (\`laser.selfReward.threshold\`). ${source}\n\n`);
    md.appendMarkdown(
      `${commandLink('Open in Inspector', INSPECT_COMMAND, [document.uri, problem.line], 'Show this problem\'s responses rendered, sorted by score')}` +
        ` · ${commandLink('Score this file', SCORE_COMMAND, [document.uri], 'Compute self-reward scores for every response')}`,
    );
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }
}
