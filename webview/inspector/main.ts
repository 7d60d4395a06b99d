import 'katex/dist/katex.css';
import { matchesFilter, parseInspectorExtensionMessage, type InspectorFilter, type InspectorSnapshot, type ProblemDetail, type ProblemRow } from '../../src/protocol/inspector';
import { insertHtml } from './insertHtml';
import { renderMathMarkdown } from './mathMarkdown';
import { ProblemList } from './problemList';
import { responseCard } from './responseCard';
import { vscode } from './vscodeApi';

const FILTERS: readonly { id: InspectorFilter; label: string; hint: string }[] = [
  { id: 'all', label: 'All', hint: 'Every problem' },
  { id: 'disagreements', label: 'Disagreements', hint: 'Self-reward and verifier disagree on some response' },
  { id: 'unsolved', label: 'Unsolved', hint: 'No response is correct' },
  { id: 'srOnly', label: 'SR vote ✓, majority ✗', hint: 'Self-reward-weighted voting is right where majority voting is not' },
];

let snapshot: InspectorSnapshot | undefined;
let filter: InspectorFilter = 'all';
let selectedLine: number | undefined;

const root = document.getElementById('root')!;
const header = document.createElement('header');
header.className = 'file';
const notice = document.createElement('p');
notice.className = 'notice';
const issues = document.createElement('details');
issues.className = 'issues';
const filters = document.createElement('nav');
filters.className = 'filters';
const list = new ProblemList((row) => select(row));
const detail = document.createElement('section');
detail.className = 'detail';
detail.setAttribute('aria-live', 'polite');
const sidebar = document.createElement('aside');
sidebar.className = 'sidebar';
sidebar.append(filters, list.element);
const main = document.createElement('main');
main.className = 'layout';
main.append(sidebar, detail);
root.append(header, notice, issues, main);

function drawFilters(): void {
  const rows = snapshot?.rows ?? [];
  filters.replaceChildren(
    ...FILTERS.map((f) => {
      const button = document.createElement('button');
      button.className = `filter${f.id === filter ? ' active' : ''}`;
      button.dataset.filter = f.id;
      button.title = f.hint;
      button.setAttribute('aria-pressed', String(f.id === filter));
      button.textContent = `${f.label} (${rows.filter((r) => matchesFilter(r, f.id)).length})`;
      button.addEventListener('click', () => {
        filter = f.id;
        drawFilters();
        showRows();
      });
      return button;
    }),
  );
}

function showRows(): void {
  const rows = (snapshot?.rows ?? []).filter((r) => matchesFilter(r, filter));
  list.setRows(rows);
  if (selectedLine !== undefined && rows.some((r) => r.line === selectedLine)) return;
  const first = rows[0];
  if (first) list.select(first.line);
  else detail.replaceChildren(paragraph('No problem matches this filter.', 'empty'));
}

function paragraph(text: string, className: string): HTMLElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

function select(row: ProblemRow): void {
  if (row.line === selectedLine && detail.dataset.line === String(row.line)) return;
  selectedLine = row.line;
  detail.dataset.line = '';
  detail.replaceChildren(paragraph(`Loading line ${row.line + 1}…`, 'empty'));
  vscode.postMessage({ type: 'select', line: row.line });
}

function drawDetail(problem: ProblemDetail): void {
  if (problem.line !== selectedLine || !snapshot) return;
  const threshold = snapshot.threshold;
  const head = document.createElement('header');
  head.className = 'problem-head';
  const title = document.createElement('h2');
  title.textContent = `Line ${problem.line + 1} · ${problem.responses.length} responses`;
  const reveal = document.createElement('button');
  reveal.className = 'link';
  reveal.textContent = 'Show in text editor';
  reveal.addEventListener('click', () => vscode.postMessage({ type: 'reveal', line: problem.line }));
  head.append(title, reveal);
  const statement = document.createElement('div');
  statement.className = 'markdown problem';
  const rendered = renderMathMarkdown(problem.problem);
  insertHtml(statement, rendered.html);
  const reference = paragraph(problem.answer === null ? 'No reference answer.' : `Reference answer: ${problem.answer}`, 'reference');
  const sorted = [...problem.responses].sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.index - b.index);
  let formulas = rendered.formulas;
  const cards = sorted.map((r) => {
    const card = responseCard(r, threshold);
    formulas += card.formulas;
    return card.element;
  });
  const sortNote = paragraph(`Sorted by self-reward score, highest first. SR ✓ means score > ${threshold}.`, 'hint');
  detail.replaceChildren(head, statement, reference, sortNote, ...cards);
  detail.dataset.line = String(problem.line);
  detail.scrollTop = 0;
  requestAnimationFrame(() => {
    vscode.postMessage({ type: 'rendered', line: problem.line, formulas: detail.querySelectorAll('.katex').length || formulas, text: `${notice.hidden ? '' : `${notice.innerText}\n`}${detail.innerText}`.slice(0, 20_000) });
  });
}

function applySnapshot(next: InspectorSnapshot): void {
  snapshot = next;
  const counts = `${next.rows.length} problems${next.format ? ` · ${next.format}` : ''} · threshold ${next.threshold}`;
  header.textContent = `${next.fileName} — ${counts}`;
  notice.hidden = !next.notice;
  notice.textContent = next.notice ?? '';
  issues.hidden = next.issues.length === 0;
  const summary = document.createElement('summary');
  summary.textContent = `${next.issues.length} line(s) could not be read`;
  issues.replaceChildren(summary, ...next.issues.map((i) => paragraph(i, 'issue')));
  drawFilters();
  if (next.focusLine !== undefined) {
    selectedLine = undefined;
    list.setRows(next.rows.filter((r) => matchesFilter(r, filter)));
    if (!list.select(next.focusLine)) showRows();
  } else {
    const keep = selectedLine;
    selectedLine = undefined;
    list.setRows(next.rows.filter((r) => matchesFilter(r, filter)));
    if (keep === undefined || !list.select(keep)) showRows();
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseInspectorExtensionMessage(event.data);
  if (!message) return;
  switch (message.type) {
    case 'snapshot':
      applySnapshot(message);
      return;
    case 'problem':
      drawDetail(message.detail);
      return;
    case 'focus':
      if (!list.select(message.line)) {
        filter = 'all';
        drawFilters();
        list.setRows(snapshot?.rows ?? []);
        list.select(message.line);
      }
      return;
  }
});

vscode.postMessage({ type: 'ready' });
