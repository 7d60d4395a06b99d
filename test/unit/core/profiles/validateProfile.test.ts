import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LASER_DEFAULTS, LENGTH_PENALTY_DEFAULTS } from '../../../../src/core/profiles/profileDefaults';
import { formatProfileError } from '../../../../src/core/profiles/profileError';
import { validateProfile } from '../../../../src/core/profiles/validateProfile';

const verl = { model: 'Qwen/Qwen2.5-7B', trainFiles: 'train.parquet', valFiles: 'test.parquet' };

/** The errors of an invalid profile as "path: message" lines. */
function errors(value: unknown): string[] {
  const result = validateProfile(value);
  assert.equal(result.ok, false, 'expected the profile to be rejected');
  return result.ok ? [] : result.errors.map(formatProfileError);
}

function valid(value: unknown) {
  const result = validateProfile(value);
  assert.ok(result.ok, result.ok ? '' : result.errors.map(formatProfileError).join('\n'));
  return result.profile;
}

test('the smallest valid profile is a script with an argv', () => {
  assert.deepEqual(valid({ kind: 'script', argv: ['python3', 'train.py'] }), { kind: 'script', argv: ['python3', 'train.py'] });
});

test('a verl-laser profile gets the paper\'s LaSeR defaults, and a partial laser block keeps the rest', () => {
  const whole = valid({ kind: 'verl-laser', ...verl });
  assert.equal(whole.kind, 'verl-laser');
  assert.deepEqual(whole.kind === 'verl-laser' && whole.laser, LASER_DEFAULTS);
  const partial = valid({ kind: 'verl-laser', ...verl, laser: { refModelLogRatioConstant: -25.0, selfRewardTokenId: 128002, padTokenId: 128001 } });
  assert.deepEqual(partial.kind === 'verl-laser' && partial.laser, { ...LASER_DEFAULTS, refModelLogRatioConstant: -25, selfRewardTokenId: 128002, padTokenId: 128001 });
});

test('a verl-laser-length profile gets the HKUST Laser defaults', () => {
  const p = valid({ kind: 'verl-laser-length', ...verl, lengthPenalty: { method: 'larse-de' } });
  assert.deepEqual(p.kind === 'verl-laser-length' && p.lengthPenalty, { ...LENGTH_PENALTY_DEFAULTS, method: 'larse-de' });
});

test('not an object, no kind, an unknown kind', () => {
  assert.deepEqual(errors([]), ['expected a JSON object with a "kind"']);
  assert.deepEqual(errors({ argv: ['x'] }), ['kind: required, one of "verl-laser", "verl-grpo", "verl-laser-length", "reference", "script"']);
  assert.deepEqual(errors({ kind: 'ppo' }), ['kind: expected one of "verl-laser", "verl-grpo", "verl-laser-length", "reference", "script"']);
});

test('LaSeR fields name their path and the expected type', () => {
  assert.deepEqual(errors({ kind: 'verl-laser', ...verl, laser: { selfRewardLossCoef: '0.1' } }), ['laser.selfRewardLossCoef: expected a number']);
  assert.deepEqual(
    errors({ kind: 'verl-laser', ...verl, laser: { padTokenId: 1.5, selfRewardKlCoef: 0, reasoningWarmupSteps: -1, selfRewardLossBalanced: 'yes', selfRewardTokenID: 1 } }),
    [
      'laser.selfRewardTokenID: unknown field in laser (did you mean "selfRewardTokenId"?)',
      'laser.selfRewardKlCoef: expected a number > 0',
      'laser.selfRewardLossBalanced: expected true or false',
      'laser.reasoningWarmupSteps: expected a number >= 0',
      'laser.padTokenId: expected an integer',
    ],
  );
  assert.deepEqual(errors({ kind: 'verl-laser', ...verl, laser: 3 }), ['laser: expected an object']);
});

test('verl fields: required ones, wrong types, lists, resume, overrides', () => {
  assert.deepEqual(errors({ kind: 'verl-grpo' }), [
    'model: required for kind verl-grpo',
    'trainFiles: required for kind verl-grpo',
    'valFiles: required for kind verl-grpo',
  ]);
  assert.deepEqual(
    errors({ kind: 'verl-grpo', ...verl, trainFiles: [], valFiles: ['a', 2], trainBatchSize: 0, learningRate: 0, loggers: 'wandb', saveFreq: -2, resumeMode: 'resume_path' }),
    [
      'trainFiles: expected at least one string',
      'valFiles[1]: expected a string',
      'trainBatchSize: expected a number >= 1',
      'learningRate: expected a number > 0',
      'loggers: expected an array of strings',
      'saveFreq: expected a number >= -1',
      'resumeFromPath: required when resumeMode is "resume_path"',
    ],
  );
  assert.deepEqual(errors({ kind: 'verl-grpo', ...verl, overrides: ['trainer.nnodes=2', 'oops', '; rm -rf ~'] }), [
    'overrides[1]: expected "key=value", got "oops"',
    'overrides[2]: expected "key=value", got "; rm -rf ~"',
  ]);
  assert.deepEqual(errors({ kind: 'verl-grpo', ...verl, overrides: { 'a b': 1, 'trainer.x': [1] } }), [
    'overrides.a b: expected a dotted config key such as "trainer.total_epochs"',
    'overrides.trainer.x: expected a string, number, boolean or null',
  ]);
  assert.deepEqual(errors({ kind: 'verl-grpo', ...verl, overrides: 'trainer.nnodes=2' }), ['overrides: expected an object of key: value or an array of "key=value" strings']);
  valid({ kind: 'verl-grpo', ...verl, overrides: ['~trainer.logger', '++a.b=1', '+c=x=y'] });
});

test('fields of another kind are refused, with a spelling hint', () => {
  assert.deepEqual(errors({ kind: 'verl-grpo', ...verl, laser: {} }), ['laser: unknown field for kind verl-grpo']);
  assert.deepEqual(errors({ kind: 'script', argv: ['x'], model: 'm' }), ['model: unknown field for kind script']);
  assert.deepEqual(errors({ kind: 'verl-grpo', ...verl, trainBatchSze: 1 }), ['trainBatchSze: unknown field for kind verl-grpo (did you mean "trainBatchSize"?)']);
});

test('length penalty: method, bounds and nested fields', () => {
  assert.deepEqual(errors({ kind: 'verl-laser-length', ...verl, lengthPenalty: { method: 'laser-d' } }), ['lengthPenalty.method: expected one of "larse", "larse-d", "larse-de"']);
  assert.deepEqual(errors({ kind: 'verl-laser-length', ...verl, lengthPenalty: { lowerBound: 8192, upperBound: 4096 } }), ['lengthPenalty.lowerBound: expected at most upperBound (4096)']);
  assert.deepEqual(errors({ kind: 'verl-laser-length', ...verl, lengthPenalty: { roundMethod: 'round', monitorFreq: 0, enable: true } }), [
    'lengthPenalty.enable: unknown field in lengthPenalty',
    'lengthPenalty.roundMethod: expected one of "floor", "ceil"',
    'lengthPenalty.monitorFreq: expected a number >= 1',
  ]);
});

test('common fields: env, gpus, launcher, cwd, name', () => {
  assert.deepEqual(errors({ kind: 'script', argv: ['x'], env: { A: 1, B: true, C: null } }), ['env.B: expected a string', 'env.C: expected a string']);
  assert.deepEqual(errors({ kind: 'script', argv: ['x'], gpus: [0, 0, -1] }), ['gpus[1]: GPU 0 is listed twice', 'gpus[2]: expected a GPU index (an integer >= 0)']);
  assert.deepEqual(errors({ kind: 'script', argv: ['x'], gpus: 0 }), ['gpus: expected a number >= 1']);
  assert.deepEqual(errors({ kind: 'script', argv: ['x'], gpus: [] }), ['gpus: expected at least one GPU index']);
  assert.deepEqual(errors({ kind: 'script', argv: ['x'], gpus: '0,1' }), ['gpus: expected a GPU count or an array of GPU indices']);
  assert.deepEqual(errors({ kind: 'script', argv: ['x'], launcher: 'k8s' }), ['launcher: expected one of "local", "ray-job", "slurm"']);
  assert.deepEqual(errors({ kind: 'script', argv: ['x'], launcherArgs: ['--nodes=1'] }), ['launcherArgs: only used with launcher "ray-job" or "slurm"']);
  assert.deepEqual(errors({ kind: 'script', argv: ['x'], cwd: '', name: 3 }), ['name: expected a string', 'cwd: expected a non-empty string']);
  const env = valid({ kind: 'script', argv: ['x'], env: { OMP_NUM_THREADS: 8 } }).env;
  assert.deepEqual(env, { OMP_NUM_THREADS: '8' });
});

test('script and reference requirements', () => {
  assert.deepEqual(errors({ kind: 'script' }), ['argv: required for kind script: the command and its arguments, e.g. ["python3", "train.py"]']);
  assert.deepEqual(errors({ kind: 'script', argv: [] }), ['argv: expected at least one string']);
  assert.deepEqual(errors({ kind: 'script', argv: [' '] }), ['argv[0]: expected the command to run']);
  assert.deepEqual(errors({ kind: 'script', argv: 'python3 train.py' }), ['argv: expected an array of strings']);
  assert.deepEqual(errors({ kind: 'reference', steps: 5 }), ['config: set "config" (a laser_lab.train config file) or "init" (e.g. "tiny")']);
  assert.deepEqual(errors({ kind: 'reference', init: 'tiny', steps: 0, seed: 1.5 }), ['steps: expected a number >= 1', 'seed: expected an integer']);
});
