import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EnvironmentReport } from '../../src/core/python/environmentReport';
import { activeExtension } from './extension';
import { hasDriver, screenshot, showNotifications, tidyWorkbench, visibleText } from './workbench';

const python = process.env.LASER_LAB_TEST_PYTHON ?? 'python3';

suite('LaSeR: Check Python Environment', () => {
  const config = () => vscode.workspace.getConfiguration('laser');
  suiteSetup(tidyWorkbench);
  teardown(() => config().update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace));

  test('runs laser_lab.env in the configured interpreter and reports it', async () => {
    await activeExtension();
    await config().update('pythonPath', python, vscode.ConfigurationTarget.Workspace);
    const report = await vscode.commands.executeCommand<EnvironmentReport | undefined>('laser.checkPythonEnvironment');
    assert.ok(report, 'a report');
    assert.equal(report.laserLab, '0.1.0');
    assert.match(report.python, /^3\.\d+\.\d+$/);
    assert.equal(report.cuda.available, report.cuda.devices.length > 0);
    await showNotifications();
    const summary = `Python ${report.python} (${python}) · laser_lab ${report.laserLab}`;
    if (hasDriver) assert.ok((await visibleText(summary)).includes(summary), 'the environment summary is on screen');
    assert.ok(await screenshot('python-environment', summary));
  });

  test('a missing interpreter gives a clear message naming the setting', async () => {
    await activeExtension();
    await config().update('pythonPath', '/nonexistent/bin/python3', vscode.ConfigurationTarget.Workspace);
    const report = await vscode.commands.executeCommand('laser.checkPythonEnvironment');
    assert.equal(report, undefined);
    await showNotifications();
    const message = 'Python interpreter "/nonexistent/bin/python3" was not found. (setting "laser.pythonPath")';
    if (hasDriver) assert.ok((await visibleText(message)).includes(message), 'the error is on screen');
    assert.ok(await screenshot('python-not-found', message));
  });
});
