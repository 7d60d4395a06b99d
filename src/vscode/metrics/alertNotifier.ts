import * as vscode from 'vscode';
import type { MetricsController } from './metricsController';

/** Each alert once, as a warning with the two things a user does next. */
export function alertNotifier(controller: MetricsController): vscode.Disposable {
  return controller.onAlert(async ({ run, alert }) => {
    const choice = await vscode.window.showWarningMessage(`LaSeR · ${run.header.name}: ${alert.message}`, 'Show Metrics', 'Open Log');
    if (choice === 'Show Metrics') await vscode.commands.executeCommand('laser.metrics.focus');
    if (choice === 'Open Log') await vscode.window.showTextDocument(vscode.Uri.file(run.logPath), { preview: false });
  });
}
