import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scoreCommand } from '../../../../src/core/cli/scoreCommand';
import { latestCheckpoint } from '../../../../src/core/scoring/latestCheckpoint';
import { ModelFolderError, readModelInfo } from '../../../../src/core/scoring/modelFolder';
import { assembleOutcome, scoreItems } from '../../../../src/core/scoring/scoreOutcome';
import { scoredCopyText } from '../../../../src/core/scoring/scoredCopy';
import { resolveScoreSettings, selfRewardScore } from '../../../../src/core/scoring/scoreSettings';
import { sidecarScores } from '../../../../src/core/solutions/sidecarScores';
import { contentSha256, newestSidecar, readSidecar, writeSidecar, type Sidecar, type SidecarKey } from '../../../../src/core/scoring/sidecarCache';
import { decodeUtf8, parseSolutionsFile, SolutionsFileError } from '../../../../src/core/scoring/solutionsFile';
import { leftPad, tokenBudgetBatches } from '../../../../src/core/scoring/tokenBatches';

const temp = (): string => mkdtempSync(join(tmpdir(), 'laser-scoring-'));
const SETTINGS = { tokenId: 151652, beta: 0.1, cRef: -23 };

test('batches by token budget, longest first, and left-pads each batch', () => {
  assert.deepEqual(tokenBudgetBatches([3, 10, 4, 10, 2], 20), [[1, 3], [2, 0, 4]]);
  assert.deepEqual(tokenBudgetBatches([50, 5], 20), [[0], [1]], 'a sequence over the budget gets its own batch');
  const batch = leftPad([[7, 8, 9], [5]], 0);
  assert.equal(batch.width, 3);
  assert.deepEqual([...batch.inputIds], [7n, 8n, 9n, 0n, 0n, 5n]);
  assert.deepEqual([...batch.attentionMask], [1n, 1n, 1n, 0n, 0n, 1n]);
});

test('the score is β · (log π − c_ref); explicit settings beat the model folder, which beats the defaults', () => {
  assert.ok(Math.abs(selfRewardScore(-18, { beta: 0.1, cRef: -23 }) - 0.5) < 1e-12);
  assert.deepEqual(resolveScoreSettings({ beta: 0.2 }, { cRef: -12, beta: 0.5 }), { tokenId: 151652, beta: 0.2, cRef: -12 });
});

test('a file that is not UTF-8 is refused with its line and column', () => {
  const bytes = Buffer.concat([Buffer.from('{"a":1}\n{"problem":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
  assert.throws(() => decodeUtf8(bytes, 'eval.jsonl'), (e: Error) => e instanceof SolutionsFileError && /^eval\.jsonl:2: not UTF-8 \(byte 0xe9 at column 16\)/.test(e.message));
  assert.equal(decodeUtf8(Buffer.from('数学 ok\n'), 'x'), '数学 ok\n');
});

test('per-line and per-response problems are recorded while the other lines stay scorable', () => {
  const lines = parseSolutionsFile([
    JSON.stringify({ problem: 'p', responses: ['a', '', 3] }), '', '{oops', '[1]', JSON.stringify({ responses: ['a'] }), JSON.stringify({ problem: 'q' }),
  ].join('\n'));
  assert.deepEqual(lines.map((l) => [l.line, l.error ?? null]), [
    [1, null], [3, lines[1]!.error], [4, 'expected a JSON object with "problem" and "responses"'], [5, 'no "problem" string'], [6, 'no "responses" list'],
  ]);
  assert.match(lines[1]!.error!, /^not valid JSON/);
  assert.deepEqual([...lines[0]!.responseErrors], [[1, 'response 1 is empty'], [2, 'response 2 is not a string']]);
  const { items, slots } = scoreItems(lines);
  assert.deepEqual(items, [{ problem: 'p', response: 'a' }]);
  const outcome = assembleOutcome(lines, slots, [-20], [true], SETTINGS);
  assert.deepEqual(outcome.lines, [{ line: 1, scores: [0.1 * 3, null, null], logprobs: [-20, null, null], errors: [null, 'response 1 is empty', 'response 2 is not a string'], truncated: [true, false, false] }]);
  assert.deepEqual(outcome.counts, { lines: 5, scored: 1, responseErrors: 2, truncated: 1 });
  assert.equal(outcome.lineErrors.length, 4);
});

test('a scored copy fills self_rewarding_scores on scored lines and leaves the others as they were', () => {
  const text = `${JSON.stringify({ problem: 'p', responses: ['a', 'b'] })}\n{broken\n`;
  const lines = parseSolutionsFile(text);
  const { slots } = scoreItems(lines);
  const copy = scoredCopyText(text, lines, assembleOutcome(lines, slots, [-13, -33], [false, false], SETTINGS)).split('\n');
  const first = JSON.parse(copy[0]!) as Record<string, unknown>;
  assert.deepEqual(first.self_rewarding_scores, [0.1 * (-13 + 23), 0.1 * (-33 + 23)]);
  assert.deepEqual(first.policy_model_logprobs, [-13, -33]);
  assert.equal(first.self_rewarding_truncated, undefined);
  assert.deepEqual(copy.slice(1), ['{broken', '']);
});

function sidecar(content: string, createdAt: string, scores: (number | null)[], settings = SETTINGS): { key: SidecarKey; sidecar: Sidecar } {
  const sha = contentSha256(content);
  return {
    key: { contentSha256: sha, modelIdentity: 'm1', settings },
    sidecar: {
      version: 1, createdAt, file: { path: '/x.jsonl', sha256: sha }, model: { dir: '/m', kind: 'onnx', identity: 'm1' }, settings, backend: 'onnx',
      lines: [{ line: 2, scores, logprobs: scores, errors: scores.map(() => null), truncated: scores.map(() => false) }], lineErrors: [],
      counts: { lines: 1, scored: scores.length, responseErrors: 0, truncated: 0 },
    },
  };
}

test('sidecar caches are keyed by content + model + settings and the newest one is what the solution view reads', async () => {
  const laser = temp();
  const content = '{"problem":"p","responses":["a"]}\n';
  const old = sidecar(content, '2026-01-01T00:00:00.000Z', [0.1]);
  const newer = sidecar(content, '2026-02-01T00:00:00.000Z', [0.7], { ...SETTINGS, beta: 0.2 });
  await writeSidecar(laser, old.key, old.sidecar);
  const path = await writeSidecar(laser, newer.key, newer.sidecar);
  assert.ok(path.startsWith(join(laser, 'scores')));
  assert.equal(readdirSync(join(laser, 'scores')).length, 2, 'different settings, different caches; no temp files left');
  assert.equal((await readSidecar(laser, old.key))?.createdAt, old.sidecar.createdAt);
  assert.equal(await readSidecar(laser, { ...old.key, modelIdentity: 'other' }), undefined);
  assert.deepEqual((await sidecarScores(laser, content))?.scores, new Map([[1, [0.7]]]), 'keyed by 0-based line, as solution problems are');
  assert.equal(await sidecarScores(laser, `${content} `), undefined, 'an edited file has no scores');
  assert.equal(await newestSidecar(join(laser, 'nowhere'), content), undefined);
});

test('a model folder missing a file says which one; an exported folder is recognised with its settings', async () => {
  const dir = temp();
  await assert.rejects(readModelInfo(dir), (e: Error) => e instanceof ModelFolderError && /missing config\.json/.test(e.message));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ laser_lab: { eos_token_id: 2, pad_token_id: 0, c_ref: -12, prompt_template: '{problem}', onnx_file: 'model.onnx' } }));
  await assert.rejects(readModelInfo(dir), /missing tokenizer\.json/);
  writeFileSync(join(dir, 'tokenizer.json'), '{}');
  writeFileSync(join(dir, 'tokenizer_config.json'), '{}');
  await assert.rejects(readModelInfo(dir), /missing model\.onnx/);
  writeFileSync(join(dir, 'model.onnx'), 'x');
  const info = await readModelInfo(dir);
  assert.equal(info.kind, 'onnx');
  assert.deepEqual(info.settings, { cRef: -12 });
  const hf = temp();
  writeFileSync(join(hf, 'config.json'), '{}');
  writeFileSync(join(hf, 'tokenizer.json'), '{}');
  writeFileSync(join(hf, 'tokenizer_config.json'), '{}');
  await assert.rejects(readModelInfo(hf), /missing model weights/);
  writeFileSync(join(hf, 'model.safetensors'), 'x');
  writeFileSync(join(hf, 'laser_config.json'), JSON.stringify({ self_reward_token_id: 5, self_reward_kl_coef: 0.3, ref_model_log_ratio_constant: -9 }));
  assert.deepEqual((await readModelInfo(hf)).settings, { tokenId: 5, beta: 0.3, cRef: -9 });
});

test("a run's latest checkpoint is found from latest_checkpointed_iteration.txt", async () => {
  const run = temp();
  const base = join(run, 'checkpoints', 'proj', 'exp');
  for (const step of [10, 20]) {
    mkdirSync(join(base, `global_step_${step}`), { recursive: true });
    writeFileSync(join(base, `global_step_${step}`, 'config.json'), '{}');
  }
  assert.equal(await latestCheckpoint(run), undefined);
  writeFileSync(join(base, 'latest_checkpointed_iteration.txt'), '20\n');
  assert.equal(await latestCheckpoint(run), join(base, 'global_step_20'));
  mkdirSync(join(base, 'global_step_20', 'actor', 'huggingface'), { recursive: true });
  writeFileSync(join(base, 'global_step_20', 'actor', 'huggingface', 'config.json'), '{}');
  assert.equal(await latestCheckpoint(run), join(base, 'global_step_20', 'actor', 'huggingface'));
});

test('laser-lab score: usage errors exit 2, a missing model folder exits 1 naming the file', async () => {
  const io = () => { const o = { out: '', err: '' }; return { o, io: { out: (t: string) => { o.out += t; }, err: (t: string) => { o.err += t; } } }; };
  const a = io();
  assert.equal(await scoreCommand(['x.jsonl'], a.io), 2);
  assert.match(a.o.err, /usage: laser-lab score/);
  const b = io();
  assert.equal(await scoreCommand(['x.jsonl', '--model', 'm', '--beta', 'big'], b.io), 2);
  assert.match(b.o.err, /--beta expects a number, got "big"/);
  const cwd = temp();
  writeFileSync(join(cwd, 'eval.jsonl'), '{"problem":"p","responses":["a"]}\n');
  const c = io();
  assert.equal(await scoreCommand(['eval.jsonl', '--model', 'nowhere'], c.io, { cwd }), 1);
  assert.match(c.o.err, /nowhere: not a folder/);
  assert.equal(readFileSync(join(cwd, 'eval.jsonl'), 'utf8'), '{"problem":"p","responses":["a"]}\n');
});
