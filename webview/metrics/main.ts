import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { parseExtensionMessage } from '../../src/protocol/metrics';
import { DEFAULT_OPTIONS, type ChartOptions } from './chartOptions';
import { runColor } from './chartTheme';
import { DASHBOARD, groupByPrefix } from './groups';
import { MetricChart, type DrawnCounts } from './metricChart';
import { MetricsState } from './runData';
import { createToolbar } from './toolbar';
import { vscode } from './vscodeApi';

const options: ChartOptions = { ...DEFAULT_OPTIONS };
const state = new MetricsState();
const charts = new Map<string, MetricChart>();
/** Groups the user opened, kept across re-renders. */
const openGroups = new Set<string>();
const inPanel = document.body.dataset.host === 'panel';

const root = document.getElementById('root')!;
const toolbar = createToolbar(options, inPanel, () => render(), () => vscode.postMessage({ type: 'openInEditor' }));
const runsHeader = document.createElement('header');
runsHeader.className = 'runs';
const notice = document.createElement('p');
notice.className = 'notice';
const warnings = document.createElement('div');
warnings.className = 'warnings';
const dashboard = document.createElement('section');
dashboard.className = 'grid dashboard';
const groups = document.createElement('section');
groups.className = 'groups';
root.append(runsHeader, toolbar.element, notice, warnings, dashboard, groups);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseExtensionMessage(event.data);
  if (!message) return;
  if (!state.apply(message)) {
    vscode.postMessage({ type: 'requestSnapshot' });
    return;
  }
  const names = [...charts.keys()];
  // New metrics need new charts; otherwise points are added to the charts in place.
  if (message.type === 'snapshot' || [...state.metricNames()].some((n) => !charts.has(n) && isShown(n))) render();
  else updateCharts(names);
});

function isShown(metric: string): boolean {
  const filter = toolbar.filter();
  if (filter) return metric.toLowerCase().includes(filter);
  if (DASHBOARD.some((d) => d.metric === metric)) return true;
  const prefix = metric.includes('/') ? metric.slice(0, metric.indexOf('/')) : 'other';
  return openGroups.has(prefix);
}

function render(): void {
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
  renderRuns();
  const filter = toolbar.filter();
  const names = state.metricNames();
  const onDashboard = DASHBOARD.filter((d) => names.has(d.metric) && (!filter || d.metric.toLowerCase().includes(filter)));
  dashboard.replaceChildren(...onDashboard.map((d) => figure(d.metric, d.title)));
  const rest = [...names].filter((n) => !DASHBOARD.some((d) => d.metric === n) && (!filter || n.toLowerCase().includes(filter)));
  groups.replaceChildren(
    ...groupByPrefix(rest).map((group) => {
      const section = document.createElement('vscode-collapsible') as HTMLElement & { open: boolean };
      section.setAttribute('heading', `${group.prefix}/`);
      section.setAttribute('description', String(group.metrics.length));
      section.open = Boolean(filter) || openGroups.has(group.prefix);
      const grid = document.createElement('div');
      grid.className = 'grid';
      const fill = () => grid.replaceChildren(...group.metrics.map((m) => figure(m, m)));
      if (section.open) fill();
      section.addEventListener('vsc-collapsible-toggle', (e) => {
        const open = (e as CustomEvent<{ open: boolean }>).detail.open;
        if (open) openGroups.add(group.prefix);
        else openGroups.delete(group.prefix);
        if (open) {
          fill();
          acknowledge();
        } else {
          for (const m of group.metrics) charts.get(m)?.destroy();
          for (const m of group.metrics) charts.delete(m);
          grid.replaceChildren();
        }
      });
      section.append(grid);
      return section;
    }),
  );
  acknowledge();
}

function renderRuns(): void {
  runsHeader.replaceChildren(
    ...state.runs.map((r, index) => {
      const item = document.createElement('span');
      item.className = 'run';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = runColor(index);
      const name = document.createElement('span');
      name.className = 'run-name';
      name.textContent = r.run.name;
      const status = document.createElement('vscode-badge');
      status.textContent = r.run.status;
      item.append(swatch, name, status);
      return item;
    }),
  );
  notice.hidden = !state.notice;
  notice.textContent = state.notice ?? '';
  const lines = state.runs.flatMap((r) => r.warnings.map((w) => `${r.run.name}: ${w}`));
  warnings.hidden = lines.length === 0;
  warnings.textContent = lines.length ? `${lines.length} parse warning(s) — ${lines.slice(0, 3).join('; ')}${lines.length > 3 ? '; …' : ''}` : '';
}

function figure(metric: string, title: string): HTMLElement {
  const element = document.createElement('figure');
  element.className = 'metric';
  const caption = document.createElement('figcaption');
  const label = document.createElement('span');
  label.className = 'title';
  label.textContent = title;
  label.title = metric;
  const actions = document.createElement('span');
  actions.className = 'actions';
  const button = (text: string, hint: string, action: () => void) => {
    const b = document.createElement('button');
    b.textContent = text;
    b.title = hint;
    b.addEventListener('click', action);
    return b;
  };
  actions.append(
    button('⟲', 'Reset zoom (Ctrl+wheel zooms, drag pans, Shift+drag zooms to a range)', () => charts.get(metric)?.resetZoom()),
    button('PNG', 'Export this chart as PNG', () => {
      const chart = charts.get(metric);
      if (chart) vscode.postMessage({ type: 'exportPng', metric, dataUrl: chart.toPng() });
    }),
    button('CSV', 'Export the full data of this metric as CSV', () => vscode.postMessage({ type: 'exportCsv', metric })),
  );
  caption.append(label, actions);
  const box = document.createElement('div');
  box.className = 'canvas-box';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-label', `${metric} by ${options.xAxis}`);
  box.append(canvas);
  element.append(caption, box);
  // The canvas must be in the document before Chart.js measures it.
  queueMicrotask(() => {
    if (canvas.isConnected && !charts.has(metric)) charts.set(metric, new MetricChart(canvas, metric, state.runs, options));
  });
  return element;
}

function updateCharts(names: readonly string[]): void {
  for (const name of names) charts.get(name)?.update(state.runs, options);
  acknowledge();
}

/** Tells the extension what every chart on screen holds once all of them have rendered `state.seq`. */
function acknowledge(): void {
  const seq = state.seq;
  queueMicrotask(() => {
    const pending = [...charts.entries()];
    const points: Record<string, Record<string, number>> = {};
    for (const r of state.runs) points[r.run.id] = {};
    let left = pending.length;
    const done = () => {
      if (state.seq === seq) vscode.postMessage({ type: 'drawn', seq, points });
    };
    if (left === 0) return done();
    for (const [metric, chart] of pending) {
      chart.whenRendered((counts: DrawnCounts) => {
        for (const [runId, count] of Object.entries(counts)) (points[runId] ??= {})[metric] = count;
        if (--left === 0) done();
      });
    }
  });
}

vscode.postMessage({ type: 'ready' });
