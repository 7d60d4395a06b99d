import * as vscode from 'vscode';
import { queryGpus } from '../../core/gpu/queryGpus';
import type { RunItem } from './runsTreeProvider';

/** GPU use in the status bar while runs are active; hidden on machines without nvidia-smi. */
export function gpuStatusBar(runs: () => readonly RunItem[], intervalMs = 5000): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('laser.gpus', vscode.StatusBarAlignment.Left, 49);
  item.name = 'LaSeR GPUs';
  item.command = 'laser.selectGpus';
  let noGpu = false;
  const update = async () => {
    if (noGpu || !runs().some((r) => r.status === 'running')) return item.hide();
    const result = await queryGpus();
    if (!result.available) {
      noGpu = true;
      return item.hide();
    }
    const used = result.gpus.reduce((s, g) => s + (g.memoryUsedMiB ?? 0), 0) / 1024;
    const total = result.gpus.reduce((s, g) => s + (g.memoryTotalMiB ?? 0), 0) / 1024;
    const util = result.gpus.reduce((s, g) => s + (g.utilizationPercent ?? 0), 0) / Math.max(1, result.gpus.length);
    item.text = `$(chip) ${result.gpus.length} GPU · ${Math.round(util)}% · ${used.toFixed(0)}/${total.toFixed(0)} GiB`;
    item.tooltip = result.gpus.map((g) => `GPU ${g.index} ${g.name}: ${g.utilizationPercent ?? '?'}%, ${g.memoryUsedMiB ?? '?'}/${g.memoryTotalMiB ?? '?'} MiB`).join('\n');
    item.show();
  };
  const timer = setInterval(() => void update(), intervalMs);
  return vscode.Disposable.from(item, new vscode.Disposable(() => clearInterval(timer)));
}
