import * as assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DrawnAck } from '../../src/vscode/metrics/metricsController';
import { activeExtension, waitFor } from './extension';
import { runDir, startProfile, workspaceDir } from './runFixtures';
import { hasDriver, screenshot, showNotifications, tidyWorkbench, visibleText } from './workbench';

const F1 = 'laser/f1';

/** A verl console line of the LaSeR fork, with the six self-verification counters (as scripts/fake_verl.py prints). */
function verlLine(step: number, extra = ''): string {
  const tp = 20 + (step % 5);
  const tn = 10 + (step % 3);
  return `(TaskRunner pid=77) step:${step} - critic/score/mean:${(0.3 + step / 100).toFixed(3)} - actor/self_reward_loss:${(0.3 / step).toFixed(4)}`
    + ` - actor/internal_reward_total_valid_solutions:64 - actor/internal_reward_valid_solutions_total_correct:${tp + tn}`
    + ` - actor/internal_reward_total_valid_correct_solutions:32 - actor/internal_reward_total_valid_incorrect_solutions:32`
    + ` - actor/internal_reward_valid_correct_solutions_total_correct:${tp} - actor/internal_reward_valid_incorrect_solutions_total_correct:${tn}`
    + ` - timing_s/step:12.5${extra}\n`;
}

let liveRun = '';

suite('Live metrics', () => {
  suiteSetup(tidyWorkbench);

  test('a line appended to a running run\'s log is drawn, raw and derived (latency recorded)', async () => {
    const api = await activeExtension();
    const first = waitFor(api.onDidDrawMetrics, (ack) => (ack.points[liveRun]?.['actor/self_reward_loss'] ?? 0) >= 1, 60_000);
    liveRun = await startProfile('live-hold');
    await first;
    const log = join(runDir(liveRun), 'output.log');
    const latencies: number[] = [];
    for (let step = 2; step <= 12; step++) {
      const drawn = waitFor(api.onDidDrawMetrics, (ack: DrawnAck) => ack.points[liveRun]?.['actor/self_reward_loss'] === step && ack.points[liveRun]?.[F1] === step);
      const t0 = Date.now();
      appendFileSync(log, verlLine(step));
      await drawn;
      latencies.push(Date.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    const report = { appends: latencies.length, medianMs: latencies[latencies.length >> 1], maxMs: latencies[latencies.length - 1], latenciesMs: latencies };
    console.log(`[latency] append → drawn: median ${report.medianMs} ms, max ${report.maxMs} ms over ${report.appends} appends`);
    const out = process.env.LASER_LAB_TEST_RESULTS;
    if (out) writeFileSync(join(out, '..', 'append-to-draw.json'), JSON.stringify(report, null, 2));
    if (hasDriver) assert.match(await visibleText('step 12/20'), /Live LaSeR run · step 12\/20 · ETA 1m 40s · F1 0\.\d\d/);
    assert.ok(await screenshot('metrics-live', 'Self-verification LaSeR F1'));
  });

  test('Open Log follows the log as the run writes', async () => {
    await activeExtension();
    await vscode.commands.executeCommand('laser.openRunLog', liveRun);
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.fsPath.endsWith(join(liveRun, 'output.log')));
    appendFileSync(join(runDir(liveRun), 'output.log'), Array.from({ length: 80 }, (_, i) => `log line ${i}\n`).join(''));
    const end = Date.now() + 10_000;
    while (!editor.document.getText().includes('log line 79') && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const last = editor.document.lineCount - 1;
    const inView = () => editor.visibleRanges.at(-1)!.end.line >= last - 1;
    while (!inView() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.ok(inView(), `the end (line ${last}) is in view: ${JSON.stringify(editor.visibleRanges)}`);
    assert.ok(await screenshot('run-log-follow', 'output.log'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a NaN grad norm raises one warning with Show Metrics and Open Log', async () => {
    await activeExtension();
    appendFileSync(join(runDir(liveRun), 'output.log'), verlLine(13, ' - actor/grad_norm:nan'));
    const message = 'LaSeR · Live LaSeR run: actor/grad_norm is NaN at step 13.';
    await showNotifications();
    if (hasDriver) assert.ok((await visibleText(message)).includes(message), 'the alert is on screen');
    assert.ok(await screenshot('metrics-alert', message));
  });

  test('two runs are overlaid in every chart (LaSeR vs the GRPO baseline), in an editor panel', async () => {
    const api = await activeExtension();
    const drawn = waitFor(api.onDidDrawMetrics, (ack) => ack.host === 'panel' && ack.points['grpo-baseline']?.['critic/score/mean'] === 15 && ack.points['laser-qwen-demo']?.['critic/score/mean'] === 40);
    await vscode.commands.executeCommand('laser.showMetrics', 'laser-qwen-demo', [{ id: 'laser-qwen-demo' }, { id: 'grpo-baseline' }]);
    await vscode.commands.executeCommand('laser.openMetricsInEditor');
    const ack = await drawn;
    assert.equal(ack.points['laser-qwen-demo']!['critic/score/mean'], 40);
    assert.equal(ack.points['grpo-baseline']!['critic/score/mean'], 15);
    assert.equal(ack.points['grpo-baseline']!['actor/self_reward_loss'], undefined);
    assert.deepEqual(api.shownRuns(), ['laser-qwen-demo', 'grpo-baseline']);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.ok(await screenshot('metrics-compare', 'Self-reward loss'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });

  test('any log file opens as a run of its own', async () => {
    const api = await activeExtension();
    const file = join(workspaceDir(), 'tee-d.log');
    writeFileSync(file, [1, 2, 3].map((s) => verlLine(s)).join(''));
    const id = `log:${file}`;
    const drawn = waitFor(api.onDidDrawMetrics, (ack) => ack.points[id]?.['critic/score/mean'] === 3);
    await vscode.commands.executeCommand('laser.openMetricsFromLogFile', vscode.Uri.file(file));
    await drawn;
    assert.ok(await screenshot('metrics-log-file', 'tee-d.log'));
  });

  suiteTeardown(async () => {
    if (liveRun) await vscode.commands.executeCommand('laser.stopRun', liveRun);
  });
});
