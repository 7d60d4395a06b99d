import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, waitFor } from './extension';
import { hasDriver, screenshot, tidyWorkbench, visibleText } from './workbench';

// test/fixtures/workspace/.laser/runs/laser-qwen-demo/output.log: 40 logged steps; actor/grad_norm is nan at step 7.
// The dashboard charts these (the self-verification ones derived from the six counters); the rest wait in collapsed groups.
const DEMO_RUN = 'laser-qwen-demo';
const EXPECTED_POINTS: Record<string, number> = {
  'critic/score/mean': 40,
  'actor/self_reward_loss': 40,
  'response_length/mean': 40,
  'actor/entropy': 40,
  'actor/grad_norm': 39,
  'laser/f1': 40,
  'laser/accuracy_on_correct': 40,
  'laser/accuracy_on_incorrect': 40,
};

suite('LaSeR container: Runs and Metrics views', () => {
  suiteSetup(tidyWorkbench);

  test('the Runs view lists the workspace runs with their status', async () => {
    await activeExtension();
    await vscode.commands.executeCommand('laser.runs.focus');
    const text = await visibleText('GRPO baseline (demo)');
    if (hasDriver) {
      assert.match(text, /LaSeR · Qwen2\.5-7B \(demo\)/);
      assert.match(text, /verl-laser · finished/);
      assert.match(text, /verl-grpo · lost/);
    }
    assert.ok(await screenshot('runs-view', 'GRPO baseline (demo)'));
  });

  test('the Metrics webview draws every posted series (acknowledged point counts)', async () => {
    const api = await activeExtension();
    const drawn = waitFor(api.onDidDrawMetrics, (ack) => ack.points[DEMO_RUN]?.['critic/score/mean'] === 40);
    await vscode.commands.executeCommand('laser.showMetrics', DEMO_RUN);
    const ack = await drawn;
    assert.deepEqual(Object.keys(ack.points), [DEMO_RUN]);
    assert.deepEqual(ack.points[DEMO_RUN], EXPECTED_POINTS);
    assert.ok(await screenshot('metrics-view', 'Self-reward loss'), 'the dashboard captions are on screen');
    if (hasDriver) assert.match(await visibleText(), /LaSeR · Qwen2\.5-7B \(demo\)/);
  });

  test('selecting another run replaces the charts with that run\'s metrics', async () => {
    const api = await activeExtension();
    const drawn = waitFor(api.onDidDrawMetrics, (ack) => ack.points['grpo-baseline']?.['critic/score/mean'] === 15);
    await vscode.commands.executeCommand('laser.showMetrics', 'grpo-baseline');
    const ack = await drawn;
    assert.deepEqual(Object.keys(ack.points), ['grpo-baseline']);
    assert.equal(ack.points['grpo-baseline']!['critic/score/mean'], 15);
    assert.equal(ack.points['grpo-baseline']!['actor/self_reward_loss'], undefined, 'the GRPO baseline logs no self-reward loss');
    assert.ok(await screenshot('metrics-view-baseline', 'GRPO baseline (demo)'));
  });

  test('Open in Editor shows the LaSeR dashboard of one run in an editor tab', async () => {
    const api = await activeExtension();
    await vscode.commands.executeCommand('laser.showMetrics', DEMO_RUN);
    const drawn = waitFor(api.onDidDrawMetrics, (ack) => ack.host === 'panel' && ack.points[DEMO_RUN]?.['critic/score/mean'] === 40);
    await vscode.commands.executeCommand('laser.openMetricsInEditor');
    assert.deepEqual((await drawn).points[DEMO_RUN], EXPECTED_POINTS);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.ok(await screenshot('metrics-dashboard', 'Self-reward loss'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });
});
