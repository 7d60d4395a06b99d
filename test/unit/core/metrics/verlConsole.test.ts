import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanConsoleLine, stripAnsi } from '../../../../src/core/metrics/consoleLine';
import { parseVerlConsoleLine, parseVerlNumber } from '../../../../src/core/metrics/verlConsole';
import { isNumberPrefix, readNumber } from '../../../../src/core/metrics/verlNumber';

test('parses a verl step line into step and values', () => {
  const r = parseVerlConsoleLine('step:12 - actor/self_reward_loss:0.0421 - critic/score/mean:0.625 - response_length/mean:412.5');
  assert.equal(r?.step, 12);
  assert.deepEqual([...(r?.values ?? [])], [['actor/self_reward_loss', 0.0421], ['critic/score/mean', 0.625], ['response_length/mean', 412.5]]);
});

test('strips Ray prefixes, ANSI colors and the repeated suffix', () => {
  const r = parseVerlConsoleLine('\u001b[36m(TaskRunner pid=4242)\u001b[0m step:3 - actor/pg_loss:-0.012 [repeated 2x across cluster]');
  assert.equal(r?.step, 3);
  assert.equal(r?.values.get('actor/pg_loss'), -0.012);
});

test('ignores lines that are not metric lines', () => {
  for (const line of ['', 'Training:  10%|█         | 10/100', 'Traceback (most recent call last):', 'stepping: 3', 'step: 3']) {
    assert.equal(parseVerlConsoleLine(line), undefined, line);
  }
});

test('reads verl number spellings', () => {
  assert.equal(parseVerlNumber('1e-05'), 1e-5);
  assert.equal(parseVerlNumber('1.2E+03'), 1200);
  assert.ok(Object.is(parseVerlNumber('-0.000'), -0));
  assert.equal(parseVerlNumber('np.float64(0.25)'), 0.25);
  assert.equal(parseVerlNumber('np.int64(3)'), 3);
  assert.equal(parseVerlNumber('np.float32(-inf)'), -Infinity);
  assert.equal(parseVerlNumber('True'), 1);
  assert.equal(parseVerlNumber('False'), 0);
  assert.ok(Number.isNaN(parseVerlNumber('nan')));
  assert.equal(parseVerlNumber('inf'), Infinity);
  assert.equal(parseVerlNumber('-inf'), -Infinity);
  for (const bad of ['abc', '1.2.3', '', 'np.float64()', 'tensor(0.5)', '0x10', '1e', 'true']) assert.equal(parseVerlNumber(bad), undefined, bad);
});

test('the substring-free fast path agrees with Number() on every decimal spelling verl prints', () => {
  const samples = ['0.123', '-0.000', '412.500', '0.12345678901234568', '-8.551274266649145e-05', '734512', '123456789012345', '9007199254740993', '9007199254740992', '1234567890123456789', '0.1', '100.0', '1e-05', '1.2E+03', '5e-324', '1.7976931348623157e+308', '3.5e-07', '1e22', '1e23', '0.00000000000000000000001'];
  for (const text of samples) {
    const line = `x:${text} - y`;
    assert.ok(Object.is(readNumber(line, 2, 2 + text.length), Number(text)), text);
  }
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < 50_000; i++) {
    const x = (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
    for (const text of [String(x), x.toExponential(), x.toFixed(i % 18), x.toPrecision(1 + (i % 21))]) {
      assert.ok(Object.is(readNumber(text, 0, text.length), Number(text)), text);
    }
  }
});

test('tells the start of a number from something else', () => {
  for (const prefix of ['', '-', '0.', '1e', '1e-', 'na', 'in', '-in', 'Tr', 'np', 'np.', 'np.float', 'np.float64(', 'np.float64(0.5', 'np.float64(0.5)']) assert.ok(isNumberPrefix(prefix), prefix);
  for (const other of ['0.5foo', 'abc', 'np.float64(x', '1e5e', '0.5 - x']) assert.ok(!isNumberPrefix(other), other);
});

test('removes escape sequences in their three spellings and keeps brackets that are text', () => {
  assert.equal(stripAnsi('\u001b[36mA\u001b[0m ^[[1;32mB^[[0m [33mC[0m [1, 2] \u001b[2K\u001b[1GD'), 'A B C [1, 2] D');
  assert.equal(stripAnsi('\u001b]8;;https://x\u001b\\link\u001b]8;;\u001b\\'), 'link');
  assert.equal(stripAnsi('[model_runner.py:1104] took [5 ms] \u001b[m'), '[model_runner.py:1104] took [5 ms] ');
  assert.deepEqual(cleanConsoleLine('\u001b[36m(WorkerDict pid=9, ip=10.0.0.1)\u001b[0m hello [repeated 4x across cluster]'), { source: 'WorkerDict pid=9, ip=10.0.0.1', text: 'hello' });
  assert.deepEqual(cleanConsoleLine('(not a ray prefix) hello'), { source: '', text: '(not a ray prefix) hello' });
});
