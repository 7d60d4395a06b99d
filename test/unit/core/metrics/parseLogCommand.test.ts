import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseLogCommand } from '../../../../src/core/cli/parseLogCommand';
import { FIXTURES, expectedLines, fixturePath } from './fixtureLogs';

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await parseLogCommand(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function tempLog(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'laser-parse-log-')), 'output.log');
  writeFileSync(path, text);
  return path;
}

test('prints one line per step in step order, values of a step merged (later win), then the warnings', async () => {
  const log = tempLog(
    [
      '(TaskRunner pid=1) step:3 - a:0.5 - b:nan',
      'step:1 - a:1 - b:inf - c:-inf - d:-0.000',
      'step:oops - a:1',
      '{"step": 3, "data": {"b": 2, "e": 1e-05}}',
      "Final validation metrics: {'val-core/x/acc/mean@1': np.float64(0.25)}",
    ].join('\n'),
  );
  const { code, out, err } = await run(log, '--json');
  assert.equal(code, 0);
  assert.equal(err, '');
  assert.equal(
    out,
    [
      '{"step":1,"metrics":{"a":1,"b":"Infinity","c":"-Infinity","d":-0}}',
      '{"step":3,"metrics":{"a":0.5,"b":2,"e":0.00001,"val-core/x/acc/mean@1":0.25}}',
      '{"warnings":[{"line":3,"message":"expected \\"step:<number> - key:value - …\\", found \\"step:oops - a:1\\""}]}',
      '',
    ].join('\n'),
  );
});

test('NaN is printed as the string "NaN"; an empty log prints only the warnings line', async () => {
  assert.equal((await run('--json', tempLog('step:2 - x:nan\n'))).out, '{"step":2,"metrics":{"x":"NaN"}}\n{"warnings":[]}\n');
  assert.deepEqual(await run(tempLog(''), '--json'), { code: 0, out: '{"warnings":[]}\n', err: '' });
});

test('accepts the command word itself in front of its arguments', async () => {
  assert.equal((await run('parse-log', tempLog('step:2 - x:1\n'), '--json')).code, 0);
});

test('a file that cannot be read: exit 1 and a message naming it', async () => {
  const missing = join(tmpdir(), 'laser-no-such-dir-42', 'output.log');
  const result = await run(missing, '--json');
  assert.equal(result.code, 1);
  assert.equal(result.out, '');
  assert.match(result.err, /cannot read ".*laser-no-such-dir-42[/\\]output\.log"/);
  const directory = await run(mkdtempSync(join(tmpdir(), 'laser-dir-')), '--json');
  assert.equal(directory.code, 1);
  assert.match(directory.err, /cannot read/);
});

test('wrong arguments: exit 2 with the usage', async () => {
  const log = tempLog('step:1 - a:1\n');
  for (const args of [[], ['--json'], [log], [log, log, '--json'], [log, '--json', '--csv']]) {
    const result = await run(...args);
    assert.equal(result.code, 2, JSON.stringify(args));
    assert.equal(result.out, '');
    assert.match(result.err, /Usage: laser-lab parse-log <file> --json/);
  }
});

test('reads a log larger than one read chunk, lines straddling the chunk boundaries', async () => {
  const keys = Array.from({ length: 60 }, (_, i) => `actor/metric_${i}`);
  const lines = Array.from({ length: 1500 }, (_, step) => `(TaskRunner pid=1) step:${step} - ${keys.map((k, i) => `${k}:np.float64(${(step * 60 + i) / 8})`).join(' - ')}`);
  const text = `${lines.join('\n')}\n`;
  assert.ok(text.length > 3 * (1 << 20));
  const { code, out } = await run(tempLog(text), '--json');
  assert.equal(code, 0);
  const rows = out.trim().split('\n').map((l) => JSON.parse(l) as { step?: number; metrics?: Record<string, number> });
  assert.deepEqual(rows.pop(), { warnings: [] });
  assert.equal(rows.length, 1500);
  assert.ok(rows.every((row, step) => row.step === step && Object.keys(row.metrics!).length === 60 && row.metrics!['actor/metric_59'] === (step * 60 + 59) / 8));
});

for (const name of FIXTURES) {
  test(`${name}: the CLI prints what generate.py expects`, async () => {
    const { code, out } = await run(fixturePath(name), '--json');
    assert.equal(code, 0);
    const printed = out.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    const expected = expectedLines(name);
    const { warnings } = printed.pop() as { warnings: { line: number; message: string }[] };
    const expectedWarnings = (expected.pop() as { warnings: { line: number }[] }).warnings;
    assert.deepEqual(printed, expected);
    assert.deepEqual(warnings.map((w) => w.line), expectedWarnings.map((w) => w.line));
  });
}
