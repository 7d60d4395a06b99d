import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, waitFor } from './extension';
import { hasDriver, screenshot, tidyWorkbench, visibleText } from './workbench';

// test/fixtures/workspace/.laser/runs/laser-qwen-demo/output.log: 40 logged steps; actor/grad_norm is nan at step 7.
const DEMO_RUN = 'laser-qwen-demo';
const EXPECTED_POINTS: Record<string, number> = {
  'actor/self_reward_loss': 40,
  'critic/score/mean': 40,
  'response_length/mean': 40,
  'actor/pg_loss': 40,
  'actor/entropy': 40,
  'actor/grad_norm': 39,
  'global_seqlen/mean': 40,
  'timing_s/step': 40,
};

suite('LaSeR container: Runs and Metrics views', () => {
  suiteSetup(tidyWorkbench);

  test('the Runs view lists the workspace runs with their status', async () => {
    await activeExtension();
    await vscode.commands.executeCommand('laser.runs.focus');
    const text = await visibleText('GRPO baseline (demo)');
    if (hasDriver) {
      assert.match(text, /LaSeR · Qwen2\.5-7B \(demo\)/);
      assert.match(text, /verl-laser · succeeded/);
      assert.match(text, /verl-grpo · running/);
    }
    assert.ok(await screenshot('runs-view', 'GRPO baseline (demo)'));
  });

  test('the Metrics webview draws every posted series (acknowledged point counts)', async () => {
    const api = await activeExtension();
    const drawn = waitFor(api.onDidDrawMetrics, (ack) => ack.runId === DEMO_RUN && Object.keys(ack.points).length > 0);
    await vscode.commands.executeCommand('laser.showMetrics', DEMO_RUN);
    const ack = await drawn;
    assert.deepEqual(ack.points, EXPECTED_POINTS);
    assert.ok(await screenshot('metrics-view', 'actor/self_reward_loss'), 'the chart captions are on screen');
    if (hasDriver) assert.match(await visibleText(), /LaSeR · Qwen2\.5-7B \(demo\)/);
  });

  test('selecting another run replaces the charts with that run\'s metrics', async () => {
    const api = await activeExtension();
    const drawn = waitFor(api.onDidDrawMetrics, (ack) => ack.runId === 'grpo-baseline' && Object.keys(ack.points).length > 0);
    await vscode.commands.executeCommand('laser.showMetrics', 'grpo-baseline');
    const ack = await drawn;
    assert.equal(ack.points['critic/score/mean'], 15);
    assert.equal(ack.points['actor/self_reward_loss'], undefined, 'the GRPO baseline logs no self-reward loss');
    assert.ok(await screenshot('metrics-view-baseline', 'GRPO baseline (demo)'));
  });
});
