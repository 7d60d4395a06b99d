// onnxruntime-node in worker threads: two at once give the in-thread results; cancelling stops the worker at a batch
// boundary before it is terminated (terminating it inside an onnxruntime call aborts the process), and a fresh worker
// afterwards still works (the native add-on survives a terminated worker).
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { scoreCommand } from '../../../../src/core/cli/scoreCommand';
import { readModelInfo } from '../../../../src/core/scoring/modelFolder';
import { ScoringCancelled, scoreWithOnnx } from '../../../../src/core/scoring/onnxScorer';
import type { OnnxScoreJob } from '../../../../src/core/scoring/scoreWorkerProtocol';
import { scoreInWorker } from '../../../../src/core/scoring/scoreWorkerClient';
import { repoRoot, tinyModel } from './tinyModel';

const workerPath = join(repoRoot(), 'dist', 'scoreWorker.js');
let job: OnnxScoreJob;

before(async () => {
  const dir = (await tinyModel()).onnx;
  const laser = (await readModelInfo(dir)).laser!;
  const items = Array.from({ length: 12 }, (_, i) => ({ problem: `What is ${i} + ${i}?`, response: `${i} + ${i} = \\boxed{${2 * i}}.`.repeat(1 + (i % 3)) }));
  job = {
    modelDir: dir, onnxFile: laser.onnxFile, promptTemplate: laser.promptTemplate, useChatTemplate: laser.useChatTemplate,
    eosTokenId: laser.eosTokenId, padTokenId: laser.padTokenId, tokenId: 151652, items, batchTokens: 128, threads: 2,
  };
});

test('two workers at once give the same log-probs as scoring in this thread, with progress up to the total', async () => {
  const expected = await scoreWithOnnx(job);
  const progress: [number, number][] = [];
  const [a, b] = await Promise.all([
    scoreInWorker(job, { workerPath, onProgress: (done, total) => progress.push([done, total]) }),
    scoreInWorker({ ...job, threads: 1 }, { workerPath }),
  ]);
  for (const result of [a, b]) {
    result.logprobs.forEach((lp, i) => assert.ok(Math.abs(lp - expected.logprobs[i]!) < 1e-5, `item ${i}: ${lp} vs ${expected.logprobs[i]}`));
  }
  assert.ok(expected.logprobs.every((lp) => Number.isFinite(lp) && lp < 0));
  assert.deepEqual(progress[0], [0, 12]);
  assert.deepEqual(progress.at(-1), [12, 12]);
  assert.ok(progress.length > 2, 'progress per batch');
});

test('aborting rejects at once with ScoringCancelled, the process survives, and a fresh worker afterwards still scores', async () => {
  for (const abortAt of [0, 1, 5]) {
    const abort = new AbortController();
    await assert.rejects(
      scoreInWorker(job, { workerPath, signal: abort.signal, onProgress: (done) => done >= abortAt && abort.abort() }),
      ScoringCancelled,
    );
  }
  const abort = new AbortController();
  abort.abort();
  await assert.rejects(scoreInWorker(job, { workerPath, signal: abort.signal }), ScoringCancelled, 'an aborted signal starts nothing');
  const again = await scoreInWorker(job, { workerPath });
  assert.equal(again.logprobs.length, 12);
  assert.ok(again.logprobs.every((lp) => Number.isFinite(lp)));
});

test('a cancelled job stops between batches', async () => {
  const seen: number[] = [];
  let cancelled = false;
  await assert.rejects(scoreWithOnnx(job, {
    onProgress: (done) => {
      seen.push(done);
      if (done > 0) cancelled = true;
    },
    isCancelled: () => cancelled,
  }), ScoringCancelled);
  assert.equal(seen.length, 2, 'no batch after the one during which it was cancelled');
  assert.ok(seen[1]! < 12);
});

test('a token id outside the vocabulary is a clear error from the worker', async () => {
  await assert.rejects(scoreInWorker({ ...job, tokenId: 10_000_000 }, { workerPath }), /outside the model's vocabulary/);
});

test('laser-lab score: scores with the ONNX folder, writes the sidecar and the scored copy; a second run is served from the cache', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'laser-cli-score-'));
  copyFileSync(join(repoRoot(), 'test', 'fixtures', 'scoring', 'solutions.jsonl'), join(cwd, 'eval.jsonl'));
  const run = async (args: string[]) => {
    const o = { out: '', err: '' };
    const code = await scoreCommand(args, { out: (t) => { o.out += t; }, err: (t) => { o.err += t; } }, { cwd, workerPath });
    return { code, ...o };
  };
  const first = await run(['eval.jsonl', '--model', job.modelDir, '--c-ref', '-20', '--out', 'scored.jsonl']);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^scored: 7 responses on 6 lines \(token 151652, β 0\.1, c_ref -20\)/);
  assert.match(first.err, /scoring: 7\/7 responses \(100%\)/);
  assert.match(first.err, /eval\.jsonl:3: no "responses" list/);
  assert.match(first.err, /eval\.jsonl:5: response 0 is longer than the model's context; cut from the left/);
  assert.equal(readdirSync(join(cwd, '.laser', 'scores')).length, 1);
  const scored = readFileSync(join(cwd, 'scored.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => l.startsWith('{not') ? null : JSON.parse(l) as Record<string, unknown>);
  const firstLine = scored[0]!;
  const [lp] = firstLine.policy_model_logprobs as number[];
  assert.ok(Math.abs((firstLine.self_rewarding_scores as number[])[0]! - 0.1 * (lp! + 20)) < 1e-9);
  const second = await run(['eval.jsonl', '--model', job.modelDir, '--c-ref', '-20']);
  assert.equal(second.code, 0);
  assert.match(second.out, /^cached: 7 responses/);
  assert.doesNotMatch(second.err, /scoring: /);
});
