import * as vscode from 'vscode';
import type { MetricsController } from './metricsController';

/** The Metrics side view; its content lives in the controller, so a hidden view restores from a snapshot. */
export class MetricsViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'laser.metrics';
  private attached: vscode.Disposable | undefined;

  constructor(private readonly controller: MetricsController) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.attached?.dispose();
    const attached = this.controller.attach(view.webview, 'view');
    this.attached = attached;
    view.onDidDispose(() => attached.dispose());
  }

  dispose(): void {
    this.attached?.dispose();
  }
}

/** "Open in Editor": the same charts in an editor tab, as wide as the user likes. */
export function openMetricsPanel(controller: MetricsController): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel('laser.metricsPanel', 'LaSeR Metrics', vscode.ViewColumn.Active, {});
  const attached = controller.attach(panel.webview, 'panel');
  panel.onDidDispose(() => attached.dispose());
  return panel;
}
