import * as vscode from 'vscode';
import { formatDuration } from '../../core/live/formatDuration';
import { LASER_DERIVED } from '../../core/metrics/derivedLaser';
import type { MetricsController } from './metricsController';

const F1 = LASER_DERIVED.f1;

/** The active run in the status bar: step/total, ETA and the latest self-verification F1. */
export function metricsStatusBar(controller: MetricsController): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('laser.activeRun', vscode.StatusBarAlignment.Left, 50);
  item.name = 'LaSeR active run';
  item.command = 'laser.showMetrics';
  const update = () => {
    const run = controller.shown.find((r) => r.header.status === 'running') ?? controller.shown[0];
    if (!run) return item.hide();
    const p = run.progress();
    const step = p.lastStep === undefined ? 'no steps yet' : `step ${p.lastStep}${p.totalSteps ? `/${p.totalSteps}` : ''}`;
    const eta = run.header.status === 'running' && p.etaMs !== undefined ? ` · ETA ${formatDuration(p.etaMs)}` : '';
    const f1 = p.latest.get(F1);
    item.text = `$(${run.header.status === 'running' ? 'pulse' : 'graph-line'}) ${run.header.name} · ${step}${eta}${f1 === undefined ? '' : ` · F1 ${f1.toFixed(2)}`}`;
    item.tooltip = `LaSeR run ${run.header.id} (${run.header.status}) — click to show its metrics`;
    item.show();
  };
  return vscode.Disposable.from(item, controller.onDidChange(update));
}
