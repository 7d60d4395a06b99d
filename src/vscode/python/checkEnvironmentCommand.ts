import * as vscode from 'vscode';
import { describeEnvironment, toEnvironmentReport, type EnvironmentReport } from '../../core/python/environmentReport';
import { runPythonModule } from '../../core/python/runPythonModule';
import { decideLaunch } from '../../core/trust/launchGuard';
import { readSettings } from '../settings';

/** "LaSeR: Check Python Environment": runs `python -m laser_lab.env` in the configured interpreter. */
export async function checkPythonEnvironment(extensionUri: vscode.Uri): Promise<EnvironmentReport | undefined> {
  const decision = decideLaunch(vscode.workspace.isTrusted, 'start the Python interpreter');
  if (!decision.allowed) {
    void vscode.window.showErrorMessage(decision.message);
    return undefined;
  }
  const { pythonPath } = readSettings();
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `LaSeR: checking ${pythonPath}…` },
      () => runPythonModule({ python: pythonPath, module: 'laser_lab.env', args: [], packageRoot: vscode.Uri.joinPath(extensionUri, 'python').fsPath }),
    );
    const report = toEnvironmentReport(result);
    void vscode.window.showInformationMessage(describeEnvironment(report));
    return report;
  } catch (error) {
    void vscode.window.showErrorMessage(`${(error as Error).message} (setting "laser.pythonPath")`);
    return undefined;
  }
}
