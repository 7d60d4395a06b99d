import type { ChartOptions } from './chartOptions';

export interface Toolbar {
  readonly element: HTMLElement;
  readonly filter: () => string;
}

/** Filter box, smoothing slider, x-axis choice, log scale and "Open in Editor"; calls `onChange` on every change. */
export function createToolbar(options: ChartOptions, inPanel: boolean, onChange: () => void, openInEditor: () => void): Toolbar {
  const element = document.createElement('div');
  element.className = 'toolbar';
  element.innerHTML = `
    <vscode-textfield id="filter" placeholder="Filter metrics (e.g. self_reward, val-core)"></vscode-textfield>
    <div class="controls">
      <label class="smoothing">Smoothing <input id="smoothing" type="range" min="0" max="0.99" step="0.01" aria-label="Smoothing"><span id="smoothing-value"></span></label>
      <vscode-single-select id="x-axis" aria-label="X axis">
        <vscode-option value="step">Step</vscode-option>
        <vscode-option value="time">Relative time</vscode-option>
      </vscode-single-select>
      <vscode-checkbox id="log-scale" label="Log scale"></vscode-checkbox>
      ${inPanel ? '' : '<vscode-button id="open-in-editor" secondary>Open in Editor</vscode-button>'}
    </div>`;
  const filter = element.querySelector('#filter') as HTMLElement & { value: string };
  const smoothing = element.querySelector('#smoothing') as HTMLInputElement;
  const smoothingValue = element.querySelector('#smoothing-value') as HTMLElement;
  const xAxis = element.querySelector('#x-axis') as HTMLElement & { value: string };
  const logScale = element.querySelector('#log-scale') as HTMLElement & { checked: boolean };

  smoothing.value = String(options.smoothing);
  smoothingValue.textContent = options.smoothing.toFixed(2);
  xAxis.value = options.xAxis;
  logScale.checked = options.logScale;

  filter.addEventListener('input', onChange);
  smoothing.addEventListener('input', () => {
    options.smoothing = Number(smoothing.value);
    smoothingValue.textContent = options.smoothing.toFixed(2);
    onChange();
  });
  xAxis.addEventListener('change', () => {
    options.xAxis = xAxis.value === 'time' ? 'time' : 'step';
    onChange();
  });
  logScale.addEventListener('change', () => {
    options.logScale = logScale.checked;
    onChange();
  });
  element.querySelector('#open-in-editor')?.addEventListener('click', openInEditor);
  return { element, filter: () => (filter.value ?? '').trim().toLowerCase() };
}
