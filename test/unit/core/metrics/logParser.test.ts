import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_WARNINGS, createLogParser } from '../../../../src/core/metrics/logParser';
import { fixtureText, parseChunks } from './fixtureLogs';

const parse = (...lines: string[]) => parseChunks([`${lines.join('\n')}\n`]);
const values = (...lines: string[]) => parse(...lines).records.map((r) => [r.step, Object.fromEntries(r.values)]);

test('verl ≤0.4 lines: 3 decimals, nan, inf, -inf, -0.000, booleans as 1.000', () => {
  const [record] = parse('step:3 - actor/pg_loss:nan - a:inf - b:-inf - c:-0.000 - d:1.000 - e:412.500').records;
  assert.equal(record?.step, 3);
  assert.deepEqual(record?.values, [['actor/pg_loss', Number.NaN], ['a', Infinity], ['b', -Infinity], ['c', -0], ['d', 1], ['e', 412.5]]);
  assert.ok(Object.is(record?.values[3]?.[1], -0));
});

test('verl ≥0.5 lines: full precision, exponents, numpy 2 reprs, ints and Python booleans', () => {
  assert.deepEqual(
    values('step:7 - a:0.12345678901234568 - b:1e-05 - c:1.2E+03 - d:np.float64(0.5) - e:np.float32(nan) - f:np.int64(3) - g:True - h:False - i:-8.551274266649145e-05 - j:734512 - k:np.float64(-inf)'),
    [[7, { a: 0.12345678901234568, b: 1e-5, c: 1200, d: 0.5, e: Number.NaN, f: 3, g: 1, h: 0, i: -8.551274266649145e-5, j: 734512, k: -Infinity }]],
  );
});

test('Ray prefixes of every kind, and the dedup suffix with or without its explanation', () => {
  for (const prefix of ['(TaskRunner pid=2817) ', '(main_task pid=41241) ', '(WorkerDict pid=9, ip=10.0.0.1) ', '(pid=123) ']) {
    assert.deepEqual(values(`${prefix}step:1 - a:0.5`), [[1, { a: 0.5 }]], prefix);
  }
  assert.deepEqual(values('(TaskRunner pid=1) step:2 - a:0.25 [repeated 3x across cluster]'), [[2, { a: 0.25 }]]);
  assert.deepEqual(values('(TaskRunner pid=1) step:2 - a:0.25 [repeated 2x across cluster] (Ray deduplicates logs by default. Set RAY_DEDUP_LOGS=0 to disable log deduplication.)'), [[2, { a: 0.25 }]]);
});

test('ANSI colours as ESC bytes, as caret text and as the residue left without ESC', () => {
  for (const [open, close] of [['\u001b[36m', '\u001b[0m'], ['^[[36m', '^[[0m'], ['[36m', '[0m'], ['\u001b[1;32m', '\u001b[m']]) {
    assert.deepEqual(values(`${open}(TaskRunner pid=1)${close} step:4 - ${open}a${close}:0.5`), [[4, { a: 0.5 }]], JSON.stringify(open));
  }
});

test('step:0 lines that hold only validation keys are records', () => {
  assert.deepEqual(values('step:0 - val-core/openai/gsm8k/reward/mean@1:np.float64(0.5) - val-aux/openai/gsm8k/reward/std@1:np.float64(0.0)'), [
    [0, { 'val-core/openai/gsm8k/reward/mean@1': 0.5, 'val-aux/openai/gsm8k/reward/std@1': 0 }],
  ]);
});

test('a hard-wrapped line is joined whether the wrap cuts a key, a value or a separator', () => {
  const line = 'step:5 - actor/pg_loss:np.float64(-0.0123) - critic/score/mean:0.625 - timing_s/gen:12.5 - response_length/mean:412.5';
  for (let width = 7; width < line.length; width += 3) {
    const pieces = line.match(new RegExp(`.{1,${width}}`, 'g'))!;
    assert.deepEqual(values(...pieces, 'Training Progress:  50%|█████     | 5/10 [01:00<01:00, 12.00s/it]'), [
      [5, { 'actor/pg_loss': -0.0123, 'critic/score/mean': 0.625, 'timing_s/gen': 12.5, 'response_length/mean': 412.5 }],
    ], `width ${width}`);
  }
});

test('lines after a complete step line are not glued onto it', () => {
  const followers = [
    'Training Progress:  50%|█████     | 5/10 [01:00<01:00, 12.00s/it]',
    'INFO 2025-06-01 12:00:00,123 - verl - saving checkpoint',
    'Traceback (most recent call last):',
    '  File "ray_trainer.py", line 10, in fit',
    'actor_rollout_ref:',
    "{'actor': {'clip_ratio': 0.2}}",
    'wandb: Run summary:',
    'done',
    '0.5foo',
    '(WorkerDict pid=9) b:1',
  ];
  for (const follower of followers) {
    const parsed = parse('step:1 - a:0.5', follower);
    assert.deepEqual(parsed.records.map((r) => [r.step, Object.fromEntries(r.values)]), [[1, { a: 0.5 }]], follower);
    assert.deepEqual(parsed.warnings, [], follower);
  }
});

test('a continuation may repeat the Ray prefix, but not come from another worker', () => {
  assert.deepEqual(values('(TaskRunner pid=1) step:1 - a:0.5 - b:0.', '(TaskRunner pid=1) 25 - c:1'), [[1, { a: 0.5, b: 0.25, c: 1 }]]);
  const parsed = parse('(TaskRunner pid=1) step:1 - a:0.5 - b:0.', '(WorkerDict pid=2) 25 - c:1', '(TaskRunner pid=1) 75 - d:2');
  assert.deepEqual(parsed.records.map((r) => Object.fromEntries(r.values)), [{ a: 0.5, b: 0.75, d: 2 }]);
});

test('tqdm bars redrawn with \\r in one physical line, and a step line glued after a bar', () => {
  const bars = '\rTraining Progress:  10%|█         | 1/10 [00:10<01:30, 10.00s/it]\rTraining Progress:  20%|██        | 2/10 [00:20<01:20, 10.00s/it]';
  assert.deepEqual(values('step:1 - a:0.5', bars, `${bars}step:2 - a:0.75`, bars), [[1, { a: 0.5 }], [2, { a: 0.75 }]]);
  assert.deepEqual(parse(bars).warnings, []);
});

test('a tqdm redraw arriving after a step line releases the record before its newline', () => {
  const parser = createLogParser();
  assert.deepEqual(parser.push('step:1 - a:0.5\n'), []);
  const released = parser.push('\rTraining Progress:  10%|█ | 1/10');
  assert.deepEqual(released.map((r) => r.step), [1]);
  assert.deepEqual(parser.end(), []);
});

test('flush() releases a held step line; a late continuation returns the completed record again', () => {
  const parser = createLogParser();
  parser.push('step:1 - a:0.5 - b:0.\n');
  assert.deepEqual(parser.flush().map((r) => Object.fromEntries(r.values)), [{ a: 0.5, b: 0 }]);
  assert.deepEqual(parser.flush(), []);
  assert.deepEqual(parser.push('25\nnext\n').map((r) => Object.fromEntries(r.values)), [{ a: 0.5, b: 0.25 }]);
  assert.deepEqual(parser.end(), []);
  assert.deepEqual(parser.warnings, []);
});

test('end() reads a last line without a newline and counts it', () => {
  const parser = createLogParser();
  assert.deepEqual(parser.push('step:1 - a:1\nstep:2 - a:2'), [{ step: 1, values: new Map([['a', 1]]), line: 1 }]);
  assert.equal(parser.lines, 1);
  assert.deepEqual(parser.end(), [{ step: 2, values: new Map([['a', 2]]), line: 2 }]);
  assert.equal(parser.lines, 2);
});

test('CRLF line ends and a byte-order mark', () => {
  assert.deepEqual(parseChunks(['\ufeffstep:1 - a:0.5\r\nstep:2 - a:0.25\r', '\n']).records.map((r) => [r.step, r.values]), [[1, [['a', 0.5]]], [2, [['a', 0.25]]]]);
});

test('initial validation metrics → step 0; final → the last step seen, or the dict\'s own step', () => {
  const parsed = parse(
    "(TaskRunner pid=1) (\"Initial validation metrics: {'val-core/openai/gsm8k/reward/mean@1': \"",
    '(TaskRunner pid=1)  "np.float64(0.5)}")',
    'step:1 - a:1',
    'step:2 - a:2',
    '"Final validation metrics: {\'val-core/openai/gsm8k/reward/mean@1\': 0.75}"',
    "Final validation metrics: {'step': 9, 'val-core/aime24/acc/mean@1': 0.25}",
  );
  assert.deepEqual(parsed.records.map((r) => [r.step, r.line, Object.fromEntries(r.values)]), [
    [0, 1, { 'val-core/openai/gsm8k/reward/mean@1': 0.5 }],
    [1, 3, { a: 1 }],
    [2, 4, { a: 2 }],
    [2, 5, { 'val-core/openai/gsm8k/reward/mean@1': 0.75 }],
    [9, 6, { 'val-core/aime24/acc/mean@1': 0.25 }],
  ]);
  assert.deepEqual(parsed.warnings, []);
});

test('a pprinted dict whose string keys are split into adjacent literals', () => {
  assert.deepEqual(values("Initial validation metrics: {'val-core/openai/gsm8k/' 'reward/mean@1': 0.5,", " 'val-aux/openai/gsm8k/'", "     'reward/std@1': np.float64(0.125)}"), [
    [0, { 'val-core/openai/gsm8k/reward/mean@1': 0.5, 'val-aux/openai/gsm8k/reward/std@1': 0.125 }],
  ]);
});

test('final validation metrics before any step cannot be placed: a warning', () => {
  const parsed = parse("Final validation metrics: {'val-core/x/acc/mean@1': 0.5}");
  assert.deepEqual(parsed.records, []);
  assert.equal(parsed.warnings[0]?.line, 1);
  assert.match(parsed.warnings[0]?.message ?? '', /expected a "step"/);
});

test('an unfinished validation block is a warning at its first line, at the end of the log too', () => {
  const parsed = parseChunks(['step:1 - a:1\n("Initial validation metrics: {\'val-core/x/acc/mean@4\': "\n']);
  assert.deepEqual(parsed.warnings.map((w) => w.line), [2]);
  assert.match(parsed.warnings[0]!.message, /initial validation metrics end early/);
});

test('the wandb end-of-run summary yields no records', () => {
  const parsed = parseChunks([fixtureText('wandb-summary.log')]);
  assert.deepEqual(parsed.records.map((r) => r.step), [1, 2]);
  assert.deepEqual(parsed.warnings, []);
});

test('JSON: verl file logger, worker metrics events, generic JSONL; other events are ignored', () => {
  assert.deepEqual(
    values(
      '{"step": 1, "data": {"a": 0.5, "b": NaN, "c": -Infinity, "d": null, "e": Infinity}}',
      '{"event": "metrics", "step": 2, "data": {"loss": "NaN", "lr": 1e-05, "ok": true}}',
      '{"event": "progress", "done": 1, "total": 4}',
      '{"event": "result", "step": 3, "score": 0.9}',
      '{"event": "error", "message": "no GPU"}',
      '{"step": 4, "eval": {"acc": 0.25, "by": {"aime": 0.5}}, "phase": "train", "tags": [1]}',
      '{"epoch": 1, "loss": 0.5}',
    ),
    [
      [1, { a: 0.5, b: Number.NaN, c: -Infinity, e: Infinity }],
      [2, { loss: Number.NaN, lr: 1e-5, ok: 1 }],
      [4, { 'eval/acc': 0.25, 'eval/by/aime': 0.5 }],
    ],
  );
});

test('malformed metric lines are warnings with their line, and parsing goes on', () => {
  const parsed = parse(
    'step:abc - a:1',
    'step:1 - a:x - b:2',
    '{"step": 2, "data": {"a": 1',
    'step:3 - a:3',
  );
  assert.deepEqual(parsed.records.map((r) => [r.step, Object.fromEntries(r.values)]), [[1, { b: 2 }], [3, { a: 3 }]]);
  assert.deepEqual(parsed.warnings.map((w) => w.line), [1, 2, 3]);
  assert.match(parsed.warnings[0]!.message, /expected "step:<number>/);
  assert.match(parsed.warnings[1]!.message, /expected a number for "a", found "x"/);
  assert.match(parsed.warnings[2]!.message, /not valid JSON/);
});

test('ordinary lines are not warnings', () => {
  const parsed = parse('Training Progress:  50%|█████ | 1/2', 'Traceback (most recent call last):', 'step: 5', 'stepping: 3', "{'a': 1}", '{not json', 'The loss at step:6 was fine', '');
  assert.deepEqual(parsed, { records: [], warnings: [], lines: 8 });
});

test('a very long line (150 keys) parses in one piece', () => {
  const keys = Array.from({ length: 150 }, (_, i) => `metric/k${i}`);
  const line = `step:9 - ${keys.map((k, i) => `${k}:np.float64(${i / 7})`).join(' - ')}`;
  const [record] = parse(line, line.replace('step:9', 'step:10')).records;
  assert.equal(record?.values.length, 150);
  assert.equal(record?.values[149]?.[1], 149 / 7);
});

test('warnings stop being kept after MAX_WARNINGS, with a last one saying so', () => {
  const parsed = parseChunks(['step:x - a:1\n'.repeat(MAX_WARNINGS + 50)]);
  assert.equal(parsed.warnings.length, MAX_WARNINGS + 1);
  assert.equal(parsed.warnings[MAX_WARNINGS]!.line, MAX_WARNINGS + 1);
  assert.match(parsed.warnings[MAX_WARNINGS]!.message, /only the first 10000 warnings/);
  assert.equal(parsed.lines, MAX_WARNINGS + 50);
});
