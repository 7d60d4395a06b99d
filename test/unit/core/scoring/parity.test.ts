// Parity (issue 6): the TypeScript ONNX scorer and PyTorch transformers (python -m laser_lab.score) agree on the
// same tiny model (real Qwen tokenizer and chat template) to 1e-4 in log π(z_c), with identical token ids.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { readModelInfo } from '../../../../src/core/scoring/modelFolder';
import { scoreWithOnnx } from '../../../../src/core/scoring/onnxScorer';
import { scoreWithPython } from '../../../../src/core/scoring/pythonScorer';
import { scoreItems, type ScoreOutcome } from '../../../../src/core/scoring/scoreOutcome';
import { scoreSolutionsFile } from '../../../../src/core/scoring/scoreSolutionsFile';
import { parseSolutionsFile } from '../../../../src/core/scoring/solutionsFile';
import { repoRoot, testPython, tinyModel, type TinyModel } from './tinyModel';

const root = repoRoot();
const fixture = join(root, 'test', 'fixtures', 'scoring', 'solutions.jsonl');
const settings = { tokenId: 151652, beta: 0.1, cRef: -12 };
let model: TinyModel;
let python: ScoreOutcome;
let onnx: ScoreOutcome;

/** Python's own sequences (laser_lab.selfreward.sequences.build_sequence) for every scorable response, in file order. */
function pythonTokenIds(checkpoint: string): number[][] {
  const code = `
import json, sys
from laser_lab.selfreward.inputs import read_lines
from laser_lab.selfreward.model_folder import load_tokenizer
from laser_lab.selfreward.sequences import build_sequence
from laser_lab.selfreward.settings import resolve_settings
folder, path = sys.argv[1], sys.argv[2]
tok = load_tokenizer(folder)
s = resolve_settings(folder)
ctx = json.load(open(folder + "/config.json"))["max_position_embeddings"]
out = [build_sequence(tok, s, ln.record["problem"], r, ctx).ids for ln in read_lines(path) if ln.record is not None
       for j, r in enumerate(ln.record["responses"]) if j not in ln.response_errors]
print(json.dumps(out))`;
  const text = execFileSync(testPython(), ['-c', code, checkpoint, fixture], { env: { ...process.env, PYTHONPATH: join(root, 'python') }, encoding: 'utf8' });
  return JSON.parse(text.trim().split('\n').pop()!) as number[][];
}

before(async () => {
  model = await tinyModel();
  const laserDir = mkdtempSync(join(tmpdir(), 'laser-parity-'));
  const lines = parseSolutionsFile(readFileSync(fixture, 'utf8'));
  python = await scoreWithPython(fixture, lines, model.checkpoint, settings, {
    python: testPython(), packageRoot: join(root, 'python'), backend: 'transformers', device: 'cpu',
  });
  onnx = (await scoreSolutionsFile({
    file: fixture, modelDir: model.onnx, laserDir, settings, workerPath: join(root, 'dist', 'scoreWorker.js'),
  })).sidecar;
});

test('ONNX in Node and PyTorch transformers agree to 1e-4 on every response', (t) => {
  assert.deepEqual(onnx.lines.map((l) => l.line), python.lines.map((l) => l.line));
  let compared = 0;
  let worst = 0;
  onnx.lines.forEach((line, i) => {
    const other = python.lines[i]!;
    line.logprobs.forEach((lp, j) => {
      const ref = other.logprobs[j] ?? null;
      assert.equal(lp === null, ref === null, `line ${line.line} response ${j}: scored on one side only`);
      if (lp === null || ref === null) return;
      assert.ok(Math.abs(lp - ref) <= 1e-4, `line ${line.line} response ${j}: ONNX ${lp} vs PyTorch ${ref}`);
      worst = Math.max(worst, Math.abs(lp - ref));
      compared++;
    });
  });
  assert.equal(compared, 7);
  t.diagnostic(`max |Δ log π(z_c)| = ${worst.toExponential(2)} over ${compared} responses`);
});

test('scores follow s = β · (log π(z_c) − c_ref) on both sides', () => {
  for (const outcome of [onnx, python]) {
    for (const line of outcome.lines) {
      line.scores.forEach((s, j) => {
        const lp = line.logprobs[j];
        if (s === null || lp === null || lp === undefined) return assert.equal(s, null);
        assert.ok(Math.abs(s - settings.beta * (lp - settings.cRef)) < 1e-9, `line ${line.line} response ${j}`);
      });
    }
  }
});

test('token ids are exactly the ones Python builds (chat template + response + EOS)', async () => {
  const lines = parseSolutionsFile(readFileSync(fixture, 'utf8'));
  const info = await readModelInfo(model.onnx);
  const laser = info.laser!;
  const { items } = scoreItems(lines);
  const result = await scoreWithOnnx({
    modelDir: model.onnx, onnxFile: laser.onnxFile, promptTemplate: laser.promptTemplate, useChatTemplate: laser.useChatTemplate,
    eosTokenId: laser.eosTokenId, padTokenId: laser.padTokenId, ...(laser.maxContext ? { maxContext: laser.maxContext } : {}),
    tokenId: settings.tokenId, items, batchTokens: 4096, threads: 1, returnIds: true,
  });
  const expected = pythonTokenIds(model.checkpoint);
  assert.equal(result.ids!.length, expected.length);
  result.ids!.forEach((ids, k) => assert.deepEqual(ids, expected[k], `sequence ${k}`));
  assert.ok(expected[0]!.includes(151644) && expected[0]!.at(-1) === 151645, 'chat-templated and ended by <|im_end|>');
});

test('bad lines get their own errors while the others are scored; the long response is cut from the left and flagged', () => {
  for (const outcome of [onnx, python]) {
    assert.deepEqual(outcome.lineErrors.map((e) => e.line), [3, 6]);
    assert.match(outcome.lineErrors[0]!.message, /no "responses" list/);
    const first = outcome.lines.find((l) => l.line === 1)!;
    assert.deepEqual(first.scores.map((s) => s === null), [false, false, true]);
    assert.match(first.errors[2]!, /response 2 is empty/);
    const fourth = outcome.lines.find((l) => l.line === 4)!;
    assert.match(fourth.errors[1]!, /response 1 is not a string/);
    const long = outcome.lines.find((l) => l.line === 5)!;
    assert.deepEqual(long.truncated, [true, false]);
    assert.equal(outcome.counts.truncated, 1);
  }
});
