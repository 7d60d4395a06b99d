import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../../src/core/cli/runCli';
import { assertClose, fixturePath } from './solutionFixtures';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

test('laser-lab report <file> --json prints one JSON object with the contract fields', async () => {
  const { code, out, err } = await cli('report', fixturePath('tiny-laser.jsonl'), '--json');
  assert.equal(code, 0);
  assert.equal(err, '');
  assert.equal(out.trim().split('\n').length, 1);
  const report = JSON.parse(out);
  assert.deepEqual(Object.keys(report), ['problems', 'responses', 'accuracy', 'self_verification', 'scaling']);
  assert.equal(report.problems, 3);
  assert.equal(report.responses, 7);
  assertClose(report.self_verification.all.f1_laser, 4 / 7);
  assertClose(report.self_verification.filtered.f1_laser, 4 / 9);
  assertClose(report.self_verification.all.auc, 10 / 12);
  assert.deepEqual(report.scaling.k, [1, 2, 3, 4]);
  assertClose(report.scaling.pass_at_k[1], (5 / 6 + 1) / 3);
});

test('--threshold changes the predictions (also as --threshold=0.4); --seed is accepted', async () => {
  const a = JSON.parse((await cli('report', '--threshold', '0.4', fixturePath('tiny-laser.jsonl'), '--json')).out);
  const b = JSON.parse((await cli('report', fixturePath('tiny-laser.jsonl'), '--threshold=0.4', '--seed', '3', '--json')).out);
  assertClose(a.self_verification.all.acc_correct, 1);
  assert.deepEqual(a.self_verification, b.self_verification);
});

test('all three fixture formats report; without --json a readable table', async () => {
  for (const name of ['laser-eval.jsonl', 'verl-dump.jsonl', 'qwen-math-eval.jsonl']) {
    const { code, out } = await cli('report', fixturePath(name), '--json');
    assert.equal(code, 0, name);
    assert.equal(JSON.parse(out).problems, 20, name);
  }
  const { code, out } = await cli('report', fixturePath('tiny-laser.jsonl'));
  assert.equal(code, 0);
  assert.match(out, /tiny-laser\.jsonl \(laser-eval\): 3 problems, 7 responses, verifier accuracy 0\.4286; threshold 0\.5/);
  assert.match(out, /\n {2}f1_laser {10}0\.5714 {4}0\.4444\n/);
  assert.match(out, /\n {2}TP\/FN\/FP\/TN {6}2\/1\/2\/2 {3}2\/1\/2\/1\n/);
  assert.match(out, /\n {2}auc {15}0\.8333 {4}0\.7778\n/);
  assert.match(out, /\n {5}4 {5}0\.6667 {5}0\.6667 {5}0\.6667 {5}0\.6667\n/);
});

test('a file with bad lines: every one as file:line: message, exit 1, nothing on stdout', async () => {
  const file = fixturePath('bad-laser.jsonl');
  const { code, out, err } = await cli('report', file, '--json');
  assert.equal(code, 1);
  assert.equal(out, '');
  const lines = err.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not valid JSON`));
  assert.equal(lines[1], `${file}:3: expected "acc_list" to have 2 entries (one per response), found 1`);
});

test('not a solution file, a missing file, bad arguments', async () => {
  const other = await cli('report', fixturePath('other.jsonl'), '--json');
  assert.equal(other.code, 1);
  assert.match(other.err, /other\.jsonl: not a solution file: no line is a LaSeR eval record/);
  const dir = mkdtempSync(join(tmpdir(), 'laser-report-'));
  const missing = await cli('report', join(dir, 'nope.jsonl'));
  assert.equal(missing.code, 1);
  assert.match(missing.err, /cannot read ".*nope\.jsonl"/);
  const many = join(dir, 'many.jsonl');
  writeFileSync(many, Array.from({ length: 25 }, () => '{"input": "i"').join('\n').replace(/^/, '{"input": "i", "output": "o", "score": 1}\n'));
  const manyBad = await cli('report', many);
  assert.equal(manyBad.code, 1);
  assert.equal(manyBad.err.trim().split('\n').length, 21);
  assert.match(manyBad.err, /… and 5 more lines that cannot be read/);
  assert.equal((await cli('report')).code, 2);
  assert.match((await cli('report', 'a', 'b')).err, /expected one solution file, found 2/);
  assert.match((await cli('report', 'a', '--threshold', 'x')).err, /--threshold expects a number, found "x"/);
  assert.match((await cli('report', 'a', '--frob')).err, /unknown option --frob/);
  assert.match((await cli('help')).out, /report <file> \[--threshold 0\.5\]/);
});
