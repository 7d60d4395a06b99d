import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, waitFor } from './extension';
import { runDir, startProfile, waitForStatus, workspaceDir } from './runFixtures';
import { screenshot, tidyWorkbench } from './workbench';

const python = process.env.LASER_LAB_TEST_PYTHON ?? 'python3';
const STEPS = 6;

/** The demo's tiny LaSeR profile, shrunk (2 layers, 32 wide, a 4-step warm start) so it trains in seconds on a busy CPU. */
const smokeProfile = {
  kind: 'reference',
  name: 'tiny LaSeR smoke',
  init: 'tiny',
  task: 'arithmetic',
  steps: STEPS,
  device: 'cpu',
  seed: 3,
  args: [
    'tiny_hidden_size=32', 'tiny_intermediate_size=64', 'tiny_num_layers=2', 'tiny_num_heads=2', 'tiny_num_kv_heads=1',
    'warm_start_max_steps=4', 'warm_start_eval_every=2', 'warm_start_mix_steps=2', 'warm_start_batch_size=8',
    'train_batch_size=4', 'n=4', 'val_size=8', 'val_n=4', 'test_freq=3', 'max_response_length=12',
  ],
};

suite('Reference trainer from the palette', () => {
  const config = () => vscode.workspace.getConfiguration('laser');
  suiteSetup(tidyWorkbench);
  suiteTeardown(() => config().update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace));

  test('a tiny LaSeR run trains on CPU, its metrics are charted live, and it writes scored validation samples and a checkpoint', async function () {
    this.timeout(300_000);
    const api = await activeExtension();
    await config().update('pythonPath', python, vscode.ConfigurationTarget.Workspace);
    writeFileSync(join(workspaceDir(), '.laser', 'profiles', 'tiny-smoke.json'), JSON.stringify(smokeProfile, null, 2));

    let id = '';
    const drawn = waitFor(api.onDidDrawMetrics, (ack) => (ack.points[id]?.['actor/self_reward_loss'] ?? 0) >= 3 && (ack.points[id]?.['critic/score/mean'] ?? 0) >= 3, 240_000);
    id = await startProfile('tiny-smoke');
    assert.deepEqual(api.shownRuns(), [id], 'Start Run charts the new run');
    await drawn;
    await waitForStatus(api, id, 'finished', 240_000);

    const log = readFileSync(join(runDir(id), 'output.log'), 'utf8');
    assert.equal(log.match(/^step:[1-9]\d* - /gm)?.length, STEPS, 'one verl console line per step (after step:0, the initial validation)');
    assert.match(log, /actor\/internal_reward_total_valid_solutions:/);

    const validation = readFileSync(join(runDir(id), 'validation', `step_${STEPS}.jsonl`), 'utf8').trim().split('\n');
    assert.equal(validation.length, 8);
    const record = JSON.parse(validation[0]!) as { responses: string[]; acc_list: boolean[]; self_rewarding_scores: number[] };
    assert.equal(record.responses.length, 4);
    assert.equal(record.self_rewarding_scores.length, 4);
    assert.ok(record.self_rewarding_scores.every((s) => Number.isFinite(s)));
    assert.equal(readFileSync(join(runDir(id), 'latest_checkpointed_iteration.txt'), 'utf8').trim(), String(STEPS));
    assert.ok(existsSync(join(runDir(id), `global_step_${STEPS}`, 'model.safetensors')));

    await vscode.commands.executeCommand('laser.metrics.focus');
    assert.ok(await screenshot('reference-run-metrics', 'tiny LaSeR smoke'));
  });
});
