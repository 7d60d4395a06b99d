import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { Chart } from 'chart.js';
import { parseExtensionMessage, type SnapshotMessage } from '../../src/protocol/metrics';
import { createMetricChart } from './metricChart';
import { vscode } from './vscodeApi';

const root = document.getElementById('root')!;
let charts: Chart<'line'>[] = [];
let snapshot: SnapshotMessage | undefined;
let filter = '';

root.innerHTML = `
  <header class="header">
    <span class="run-name" id="run-name">No run selected</span>
    <vscode-badge id="run-status" variant="counter"></vscode-badge>
  </header>
  <vscode-textfield id="filter" placeholder="Filter metrics (e.g. self_reward, val-core)"></vscode-textfield>
  <p class="notice" id="notice" hidden></p>
  <section class="grid" id="grid"></section>`;

const runName = document.getElementById('run-name')!;
const runStatus = document.getElementById('run-status')!;
const notice = document.getElementById('notice')!;
const grid = document.getElementById('grid')!;
const filterField = document.getElementById('filter') as HTMLElement & { value: string };

filterField.addEventListener('input', () => {
  filter = filterField.value.trim().toLowerCase();
  render();
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseExtensionMessage(event.data);
  if (!message) return;
  // A snapshot older than the one shown arrived late: ask again rather than go back in time.
  if (snapshot && message.seq < snapshot.seq) {
    vscode.postMessage({ type: 'requestSnapshot' });
    return;
  }
  snapshot = message;
  render();
});

function render(): void {
  for (const chart of charts) chart.destroy();
  charts = [];
  grid.replaceChildren();
  if (!snapshot) return;
  const current = snapshot;
  runName.textContent = current.run ? current.run.name : 'No run selected';
  runStatus.textContent = current.run?.status ?? '';
  runStatus.hidden = !current.run;
  notice.hidden = !current.notice;
  notice.textContent = current.notice ?? '';

  const shown = current.series.filter((s) => s.name.toLowerCase().includes(filter));
  const drawn: Record<string, number> = {};
  const acknowledge = () => {
    if (Object.keys(drawn).length === shown.length) vscode.postMessage({ type: 'drawn', seq: current.seq, points: drawn });
  };
  if (shown.length === 0) acknowledge();
  shown.forEach((series, index) => {
    const figure = document.createElement('figure');
    figure.className = 'metric';
    const caption = document.createElement('figcaption');
    caption.textContent = series.name;
    const box = document.createElement('div');
    box.className = 'canvas-box';
    const canvas = document.createElement('canvas');
    canvas.setAttribute('aria-label', `${series.name} by step`);
    box.append(canvas);
    figure.append(caption, box);
    grid.append(figure);
    charts.push(
      createMetricChart(canvas, series, index, (points) => {
        drawn[series.name] = points;
        acknowledge();
      }),
    );
  });
}

vscode.postMessage({ type: 'ready' });
