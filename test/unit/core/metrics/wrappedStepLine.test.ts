import assert from 'node:assert/strict';
import { test } from 'node:test';
import { continuesStepLine } from '../../../../src/core/metrics/wrappedStepLine';

test('a wrap inside a key, a value or a separator continues the step line', () => {
  const cases: [string, string][] = [
    ['step:1 - actor/pg_lo', 'ss:0.5 - critic/score/mean:0.25'],
    ['step:1 - a:0.', '12 - b:1'],
    ['step:1 - a:np.float64', '(0.5) - b:1'],
    ['step:1 - a:1e', '-05'],
    ['step:1 - a:0.5 -', ' b:1'],
    ['step:1 - a:0.5 ', '- b:1'],
    ['step:1 - a:0.5', ' - b:1 -'],
    ['step:', '12 - a:1'],
    ['step:1 - a:0.5', ' - b'],
  ];
  for (const [pending, line] of cases) assert.ok(continuesStepLine(pending, line), `${pending} | ${line}`);
});

test('an unrelated line does not', () => {
  const cases: [string, string][] = [
    ['step:1 - a:0.5', 'Training Progress:  10%|█         | 1/10 [00:10<01:30, 10.00s/it]'],
    ['step:1 - a:0.5', 'step:2 - a:0.5'],
    ['step:1 - a:0.5', '(TaskRunner pid=1) step:2 - a:0.5'.slice(19)],
    ['step:1 - a:0.5', 'INFO 12:00:00 - verl - saving checkpoint'],
    ['step:1 - a:0.5', 'trainer:'],
    ['step:1 - a:0.5', '  clip_ratio: 0.2'],
    ['step:1 - a:0.5', 'Done'],
    ['step:1 - a:0.5', ''],
    ['step:1 - a:0.5', 'Traceback (most recent call last):'],
    ['step:1 - a:0.5', 'wandb:     actor/pg_loss ▁▂▃▄▅▆▇█'],
    ['step:1 - actor/pg_lo', 'ss is high'],
  ];
  for (const [pending, line] of cases) assert.ok(!continuesStepLine(pending, line), `${pending} | ${line}`);
});
