import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunStatus } from '../../core/runs/runSummary';
import type { RunItem } from './runsTreeProvider';

const ENDED: readonly RunStatus[] = ['finished', 'failed', 'lost'];

/** What to say when a run that was running ended: success, or failure with its last error lines. */
export function endMessage(run: RunItem): { readonly severity: 'info' | 'error'; readonly text: string; readonly detail?: string } {
  if (run.status === 'finished') return { severity: 'info', text: `LaSeR: run ${run.name} finished.` };
  const tail = run.logTail?.filter((l) => l.trim()).slice(-6).join('\n');
  const why = run.status === 'lost' ? `is lost${run.problem ? ` (${run.problem})` : ''}` : `failed${run.exitCode !== null && run.exitCode !== undefined ? ` with exit code ${run.exitCode}` : run.signal ? ` (${run.signal})` : ''}`;
  const last = run.logTail?.filter((l) => l.trim()).pop();
  return { severity: 'error', text: `LaSeR: run ${run.name} ${why}${last ? `: ${last.trim()}` : ''}`, ...(tail ? { detail: tail } : {}) };
}

/** A notification when a run seen running ends, with "Open Log" (and "Show Metrics"). */
export function runEndNotifier(onDidList: vscode.Event<readonly RunItem[]>): vscode.Disposable {
  const last = new Map<string, RunStatus>();
  return onDidList((runs) => {
    for (const run of runs) {
      const before = last.get(run.id);
      last.set(run.id, run.status);
      if (before !== 'running' || !ENDED.includes(run.status)) continue;
      const { severity, text } = endMessage(run);
      const show = severity === 'info' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
      void show(text, 'Open Log', 'Show Metrics').then(async (choice) => {
        if (choice === 'Open Log') await vscode.window.showTextDocument(vscode.Uri.file(path.join(run.dir, 'output.log')), { preview: false });
        if (choice === 'Show Metrics') await vscode.commands.executeCommand('laser.showMetrics', run.id);
      });
    }
  });
}
