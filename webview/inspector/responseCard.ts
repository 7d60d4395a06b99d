import type { ResponseView } from '../../src/protocol/inspector';
import { insertHtml } from './insertHtml';
import { renderMathMarkdown } from './mathMarkdown';

function chip(text: string, className: string, hint?: string): HTMLElement {
  const element = document.createElement('span');
  element.className = `chip ${className}`;
  element.textContent = text;
  if (hint) element.title = hint;
  return element;
}

/** Marks the extracted answer: the \boxed{…} KaTeX drew, else the answer's last occurrence in plain text. */
function highlightAnswer(body: HTMLElement, pred: string | null): void {
  const boxes = body.querySelectorAll('.boxpad');
  if (boxes.length > 0) {
    boxes[boxes.length - 1]!.classList.add('answer');
    return;
  }
  if (!pred) return;
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let last: { node: Text; at: number } | undefined;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (node.parentElement?.closest('.katex')) continue;
    const at = node.data.lastIndexOf(pred);
    if (at >= 0) last = { node, at };
  }
  if (!last) return;
  const range = document.createRange();
  range.setStart(last.node, last.at);
  range.setEnd(last.node, last.at + pred.length);
  const mark = document.createElement('mark');
  mark.className = 'answer';
  range.surroundContents(mark);
}

/** One response: its score, verdicts and answer in a header, its text as Markdown with math. Returns formulas drawn. */
export function responseCard(r: ResponseView, threshold: number): { element: HTMLElement; formulas: number } {
  const card = document.createElement('article');
  const predicted = r.score === null ? null : r.score > threshold;
  const agrees = predicted === null || r.correct === null ? 'unknown' : predicted === r.correct ? 'agree' : 'disagree';
  card.className = `response ${agrees}`;
  const header = document.createElement('header');
  header.append(
    chip(`#${r.index}`, 'index'),
    chip(r.score === null ? 'unscored' : `score ${r.score.toFixed(3)}`, 'score'),
    chip(predicted === null ? 'SR —' : predicted ? 'SR ✓' : 'SR ✗', `sr ${predicted === null ? '' : predicted ? 'yes' : 'no'}`, `self-reward predicts ${predicted ? 'correct' : 'wrong'} at threshold ${threshold}`),
    chip(r.correct === null ? 'verifier —' : r.correct ? 'verifier ✓' : 'verifier ✗', `verifier ${r.correct === null ? '' : r.correct ? 'yes' : 'no'}`),
    chip(r.pred === null ? 'no answer' : `answer ${r.pred}`, 'pred answer-chip'),
    chip(`${r.length} chars`, 'length'),
  );
  const body = document.createElement('div');
  body.className = 'markdown';
  const rendered = renderMathMarkdown(r.text);
  insertHtml(body, rendered.html);
  highlightAnswer(body, r.pred);
  card.append(header, body);
  return { element: card, formulas: rendered.formulas };
}
