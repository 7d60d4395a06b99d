import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildRunCommand, type CommandContext } from '../../../../src/core/profiles/buildRunCommand';
import { hydraQuote, hydraString } from '../../../../src/core/profiles/hydraValue';
import { readProfileFile } from '../../../../src/core/profiles/parseProfile';
import type { RunProfile } from '../../../../src/core/profiles/runProfile';
import { validateProfile } from '../../../../src/core/profiles/validateProfile';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const context: CommandContext = { workspaceDir: '/ws', runDir: '/ws/.laser/runs/r1', python: 'python3' };

async function fixture(name: string): Promise<RunProfile> {
  const result = await readProfileFile(join(ROOT, 'test', 'fixtures', 'profiles', name));
  assert.ok(result.ok);
  return result.profile;
}

function profile(value: unknown): RunProfile {
  const result = validateProfile(value);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.profile;
}

// The LaSeR lines of RUCBM/LaSeR verl/examples/grpo_trainer/run_qwen2_5_7b.sh (its Qwen2.5-7B-Base run), in the script's order.
const LASER_SCRIPT_KEYS = [
  'actor_rollout_ref.actor.use_self_reward_loss=True',
  'actor_rollout_ref.ref.use_self_reward_loss=True',
  'actor_rollout_ref.actor.self_reward_loss_balanced=True',
  'actor_rollout_ref.actor.ref_model_log_ratio_constant=-23.0',
  'actor_rollout_ref.actor.self_reward_loss_coef=0.1',
  'actor_rollout_ref.actor.self_reward_kl_coef=0.1',
  'actor_rollout_ref.actor.self_rewarding_advantages_integration_coef=0.1',
  'actor_rollout_ref.actor.self_rewarding_advantages_filtering_threshold=0.1',
  'actor_rollout_ref.actor.reasoning_warmup_steps=200',
  'actor_rollout_ref.actor.self_rewarding_warmup_steps=200',
  'actor_rollout_ref.actor.pad_token_id=151643',
  'actor_rollout_ref.actor.self_reward_token_id=151652',
];

test('verl-laser: the paper\'s Qwen2.5-7B command (golden argv)', async () => {
  const command = buildRunCommand(await fixture('laser-qwen2.5-7b.json'), context);
  assert.deepEqual(command.argv, [
    'python3', '-m', 'verl.trainer.main_ppo',
    'algorithm.adv_estimator=grpo',
    'data.train_files=../RL_data/DeepMath-103K/train.parquet',
    'data.val_files=../RL_data/math500/test.parquet',
    'data.train_batch_size=128',
    'data.max_prompt_length=2048',
    'data.max_response_length=8192',
    'actor_rollout_ref.model.path=Qwen/Qwen2.5-7B',
    'actor_rollout_ref.actor.optim.lr=0.000001',
    'actor_rollout_ref.actor.ppo_mini_batch_size=128',
    'actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=2',
    'actor_rollout_ref.rollout.n=8',
    ...LASER_SCRIPT_KEYS,
    'trainer.logger=["console","wandb"]',
    'trainer.project_name=verl_grpo_laser',
    'trainer.experiment_name=qwen2_5_7b_base_deepmath_grpo_laser',
    'trainer.n_gpus_per_node=8',
    'trainer.nnodes=1',
    'trainer.save_freq=50',
    'trainer.test_freq=20',
    'trainer.default_local_dir=./checkpoints/Qwen2.5-7B-Base-DeepMath-grpo-laser',
    'trainer.total_epochs=2',
    'actor_rollout_ref.rollout.name=vllm',
    'actor_rollout_ref.rollout.tensor_model_parallel_size=4',
    'actor_rollout_ref.actor.use_kl_loss=True',
  ]);
  assert.equal(command.cwd, '/ws');
  assert.deepEqual(command.env, { PYTHONUNBUFFERED: '1', WANDB_API_KEY: 'wandb-secret-value-1234', NCCL_DEBUG: 'WARN' });
  assert.equal(command.gpus, null);
});

test('verl-laser: the smallest profile emits every LaSeR key with the paper defaults and only the console logger', () => {
  const argv = buildRunCommand(profile({ kind: 'verl-laser', model: 'Qwen/Qwen2.5-7B', trainFiles: 't.parquet', valFiles: 'v.parquet' }), context).argv;
  assert.deepEqual(argv, [
    'python3', '-m', 'verl.trainer.main_ppo', 'algorithm.adv_estimator=grpo', 'data.train_files=t.parquet', 'data.val_files=v.parquet',
    'actor_rollout_ref.model.path=Qwen/Qwen2.5-7B', ...LASER_SCRIPT_KEYS, 'trainer.logger=["console"]',
  ]);
});

test('verl-laser: OctoThinker settings and a coefficient written as an integer stay floats', () => {
  const argv = buildRunCommand(
    profile({ kind: 'verl-laser', model: 'm', trainFiles: 't', valFiles: 'v', loggers: ['wandb'], laser: { refModelLogRatioConstant: -25, padTokenId: 128001, selfRewardTokenId: 128002, selfRewardLossCoef: 1, selfRewardLossBalanced: false, reasoningWarmupSteps: 0 } }),
    context,
  ).argv;
  for (const expected of [
    'actor_rollout_ref.actor.ref_model_log_ratio_constant=-25.0',
    'actor_rollout_ref.actor.pad_token_id=128001',
    'actor_rollout_ref.actor.self_reward_token_id=128002',
    'actor_rollout_ref.actor.self_reward_loss_coef=1.0',
    'actor_rollout_ref.actor.self_reward_loss_balanced=False',
    'actor_rollout_ref.actor.reasoning_warmup_steps=0',
    'trainer.logger=["console","wandb"]',
  ]) assert.ok(argv.includes(expected), expected);
});

test('verl-grpo: the baseline has no self-reward keys; list data files, GPUs, resume and string overrides (golden argv)', async () => {
  const command = buildRunCommand(await fixture('grpo-baseline.json'), context);
  assert.deepEqual(command.argv, [
    '/opt/conda/bin/python', '-m', 'verl.trainer.main_ppo',
    'algorithm.adv_estimator=grpo',
    'data.train_files=["data/a.parquet","data/b.parquet"]',
    'data.val_files=data/test.parquet',
    'actor_rollout_ref.model.path=/models/Qwen2.5-7B',
    'trainer.logger=["console"]',
    'trainer.n_gpus_per_node=2',
    'trainer.resume_mode=auto',
    'trainer.total_epochs=1',
    '+trainer.val_before_train=False',
  ]);
  assert.deepEqual(command.env, { PYTHONUNBUFFERED: '1', CUDA_VISIBLE_DEVICES: '2,3' });
  assert.deepEqual(command.gpus, [2, 3]);
  assert.ok(!command.argv.some((a) => a.includes('self_reward')));
});

test('verl-laser-length: HKUST Laser-D keys, monitor set and frequency (golden argv)', async () => {
  const command = buildRunCommand(await fixture('laser-d.json'), context);
  assert.deepEqual(command.argv, [
    'python', '-m', 'verl.trainer.main_ppo',
    'algorithm.adv_estimator=grpo',
    'data.train_files=data/deepscaler/train.parquet',
    'data.val_files=data/deepscaler/aime.parquet',
    'data.max_response_length=16384',
    'actor_rollout_ref.model.path=deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B',
    'length_penalty.enable=True',
    'length_penalty.method=larse-d',
    'length_penalty.length_reward_scalar=0.5',
    'length_penalty.target_length=8192',
    'length_penalty.lower_bound=4096',
    'length_penalty.upper_bound=16384',
    'length_penalty.interval=1024',
    'length_penalty.expected_n_correct=1',
    'length_penalty.round_method=floor',
    'data.monitor_files=data/deepscaler/train_sample500.parquet',
    'trainer.monitor_freq=20',
    'trainer.logger=["console"]',
  ]);
});

test('reference: the tiny CPU flags, writing into the run folder (golden argv)', async () => {
  const command = buildRunCommand(await fixture('reference-tiny.json'), { ...context, packageRoot: '/ext/python', baseEnv: { PYTHONPATH: '/site' } });
  assert.deepEqual(command.argv, ['python3', '-m', 'laser_lab.train', '--init', 'tiny', '--task', 'arithmetic', '--steps', '20', '--device', 'cpu', '--seed', '7', '--out', '/ws/.laser/runs/r1']);
  assert.deepEqual(command.env, { PYTHONUNBUFFERED: '1', PYTHONPATH: '/ext/python:/site' });
  const withConfig = buildRunCommand(profile({ kind: 'reference', config: 'cfg.yaml', out: 'o', args: ['--x', '1'], python: 'py' }), context);
  assert.deepEqual(withConfig.argv, ['py', '-m', 'laser_lab.train', '--config', 'cfg.yaml', '--out', 'o', '--x', '1']);
});

test('script: the argv as given, in the profile\'s folder (golden argv)', async () => {
  assert.deepEqual(buildRunCommand(await fixture('script-minimal.json'), context), { argv: ['python3', 'train.py'], cwd: '/ws', env: { PYTHONUNBUFFERED: '1' }, gpus: null });
  const relative = buildRunCommand(profile({ kind: 'script', argv: ['./run.sh'], cwd: 'exp', env: { PYTHONUNBUFFERED: '0' }, gpus: 2 }), { ...context, gpuIndices: [5, 7] });
  assert.equal(relative.cwd, '/ws/exp');
  assert.deepEqual(relative.env, { PYTHONUNBUFFERED: '0', CUDA_VISIBLE_DEVICES: '5,7' });
  assert.deepEqual(buildRunCommand(profile({ kind: 'script', argv: ['x'], gpus: 2 }), context).env.CUDA_VISIBLE_DEVICES, '0,1');
});

test('launchers: ray-job and slurm wrap the same argv; they do not pin GPUs', () => {
  const base = { kind: 'script', argv: ['python3', 'train.py', '--lr', '1e-6'], gpus: 4 };
  assert.deepEqual(buildRunCommand(profile({ ...base, launcher: 'ray-job', launcherArgs: ['--address', 'http://head:8265'] }), context), {
    argv: ['ray', 'job', 'submit', '--address', 'http://head:8265', '--', 'python3', 'train.py', '--lr', '1e-6'], cwd: '/ws', env: { PYTHONUNBUFFERED: '1' }, gpus: null,
  });
  assert.deepEqual(buildRunCommand(profile({ ...base, launcher: 'slurm', launcherArgs: ['--nodes=1', '--gpus-per-node=4'] }), context).argv, [
    'srun', '--nodes=1', '--gpus-per-node=4', 'python3', 'train.py', '--lr', '1e-6',
  ]);
});

test('a value like "x; rm -rf ~" stays one literal argument in every kind', () => {
  const evil = 'x; rm -rf ~';
  const script = buildRunCommand(profile({ kind: 'script', argv: ['echo', evil] }), context).argv;
  assert.deepEqual(script, ['echo', evil]);
  const reference = buildRunCommand(profile({ kind: 'reference', init: evil }), context).argv;
  assert.equal(reference[reference.indexOf('--init') + 1], evil);
  const verl = buildRunCommand(profile({ kind: 'verl-grpo', model: evil, trainFiles: 't', valFiles: 'v', experimentName: "it's $(whoami)" }), context).argv;
  assert.ok(verl.includes(`actor_rollout_ref.model.path='x; rm -rf ~'`));
  assert.ok(verl.includes(`trainer.experiment_name='it\\'s $(whoami)'`));
  // Run through a real process: the argument arrives whole and nothing is executed.
  const echoed = spawnSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...script.slice(1)], { encoding: 'utf8' });
  assert.equal(echoed.stdout, JSON.stringify([evil]));
});

test('Hydra quoting: bare when safe, quoted and escaped otherwise', () => {
  assert.equal(hydraString('data/train.parquet'), 'data/train.parquet');
  assert.equal(hydraString('~/data/x.parquet'), "'~/data/x.parquet'");
  assert.equal(hydraString('a b'), "'a b'");
  assert.equal(hydraQuote("it's", "'"), "'it\\'s'");
  assert.equal(hydraQuote('C:\\dir\\', "'"), "'C:\\dir\\\\'");
  assert.equal(hydraQuote('say "hi"', '"'), '"say \\"hi\\""');
});
