import type { Chart } from 'chart.js';
import { parseReportExtensionMessage, type ReportChart, type ReportData, type ReportSnapshot } from '../../src/protocol/report';
import { histogramChart, scalingChart, sweepChart, type DrawnChart } from './reportCharts';
import { vscode } from './vscodeApi';

const root = document.getElementById('root')!;
let charts: Chart[] = [];

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const num = (v: number | null) => (v === null ? '—' : v.toFixed(3));

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], className: string): HTMLTableElement {
  const t = element('table', undefined, className);
  const thead = t.createTHead().insertRow();
  for (const h of head) thead.append(element('th', h));
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, i) => tr.append(element(i === 0 ? 'th' : 'td', cell)));
  }
  return t;
}

function stat(label: string, value: string): HTMLElement {
  const box = element('div', undefined, 'stat');
  box.append(element('span', value, 'value'), element('span', label, 'label'));
  return box;
}

function verificationTable(report: ReportData): HTMLTableElement {
  const { all, filtered } = report.self_verification;
  const rows: [string, number | null, number | null][] = [
    ['Accuracy on correct', all.acc_correct, filtered.acc_correct],
    ['Accuracy on incorrect', all.acc_incorrect, filtered.acc_incorrect],
    ['LaSeR F1', all.f1_laser, filtered.f1_laser],
    ['Accuracy', all.accuracy, filtered.accuracy],
    ['Precision', all.precision, filtered.precision],
    ['Recall', all.recall, filtered.recall],
    ['F1', all.f1, filtered.f1],
    ['ROC AUC', all.auc, filtered.auc],
  ];
  return table(['Self-verification', 'all', 'filtered'], rows.map(([name, a, f]) => [name, num(a), num(f)]), 'metrics');
}

function confusionTable(title: string, c: ReportData['confusion']['all']): HTMLElement {
  const box = element('div', undefined, 'confusion');
  box.append(
    element('h3', title),
    table(['', 'SR predicts ✓', 'SR predicts ✗'], [['verifier ✓', String(c.tp), String(c.fn)], ['verifier ✗', String(c.fp), String(c.tn)]], 'matrix'),
  );
  return box;
}

function figure(title: string, caption: string): { element: HTMLElement; canvas: HTMLCanvasElement } {
  const f = element('figure', undefined, 'chart');
  const box = element('div', undefined, 'canvas-box');
  const canvas = element('canvas');
  canvas.setAttribute('aria-label', title);
  box.append(canvas);
  f.append(element('h3', title), box, element('figcaption', caption));
  return { element: f, canvas };
}

async function render(message: ReportSnapshot): Promise<void> {
  for (const chart of charts) chart.destroy();
  charts = [];
  const header = element('header', undefined, 'head');
  header.append(element('h1', `Self-Reward Report · ${message.fileName}`), element('p', `${message.format ?? 'unknown format'} · threshold ${message.threshold} (score > threshold ⇒ predicted correct)`, 'sub'));
  const parts: HTMLElement[] = [header];
  if (message.notice) parts.push(element('p', message.notice, 'notice'));
  const report = message.report;
  if (!report) {
    root.replaceChildren(...parts);
    vscode.postMessage({ type: 'drawn', seq: message.seq, charts: {}, text: root.innerText });
    return;
  }
  const stats = element('section', undefined, 'stats');
  stats.append(stat('problems', String(report.problems)), stat('responses', String(report.responses)), stat('verifier accuracy', pct(report.accuracy)));
  const numbers = element('section', undefined, 'numbers');
  const confusions = element('div', undefined, 'confusions');
  confusions.append(confusionTable('Confusion (all)', report.confusion.all), confusionTable('Confusion (filtered)', report.confusion.filtered));
  numbers.append(verificationTable(report), confusions);
  const scaling = figure('Test-time scaling', 'Fraction of problems solved with k responses, averaged over random subsets of size k (seed 0); pass@k is the unbiased estimator.');
  const histogram = figure('Score histogram', 'Self-reward scores of responses the verifier judged correct vs wrong (all responses).');
  const sweep = figure('Threshold sweep', 'Self-verification metrics at each threshold (all responses).');
  const grid = element('section', undefined, 'charts');
  grid.append(scaling.element, histogram.element, sweep.element);
  const note = element('p', '"filtered" leaves out responses without an extracted answer, as LaSeR\'s calculate_self_rewarding_scores.py does; "all" keeps them.', 'hint');
  root.replaceChildren(...parts, stats, numbers, note, grid);
  const drawn: [ReportChart, DrawnChart][] = await Promise.all([
    scalingChart(scaling.canvas, report).then((d): [ReportChart, DrawnChart] => ['scaling', d]),
    histogramChart(histogram.canvas, report, message.threshold).then((d): [ReportChart, DrawnChart] => ['histogram', d]),
    sweepChart(sweep.canvas, report).then((d): [ReportChart, DrawnChart] => ['sweep', d]),
  ]);
  charts = drawn.map(([, d]) => d.chart);
  vscode.postMessage({ type: 'drawn', seq: message.seq, charts: Object.fromEntries(drawn.map(([name, d]) => [name, d.points])), text: root.innerText.slice(0, 20_000) });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseReportExtensionMessage(event.data);
  if (message) void render(message);
});

vscode.postMessage({ type: 'ready' });
