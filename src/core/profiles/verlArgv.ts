import { DEFAULT_LOGGERS } from './profileDefaults';
import { hydraBoolean, hydraFloat, hydraList, hydraOverrideValue, hydraPaths, hydraString } from './hydraValue';
import type { LaserSettings, LengthPenaltySettings, VerlProfile, VerlSettings } from './runProfile';

export const VERL_MODULE = 'verl.trainer.main_ppo';

const ACTOR = 'actor_rollout_ref.actor';

type Override = readonly [key: string, value: string];

/** `<python> -m verl.trainer.main_ppo key=value …` for a verl profile; `gpusPerNode` falls back to the GPUs the run gets. */
export function buildVerlArgv(profile: VerlProfile, python: string, gpuCount?: number): string[] {
  const overrides: Override[] = [['algorithm.adv_estimator', 'grpo'], ...dataAndModel(profile)];
  if (profile.kind === 'verl-laser') overrides.push(...laserOverrides(profile.laser));
  if (profile.kind === 'verl-laser-length') overrides.push(...lengthOverrides(profile.lengthPenalty));
  overrides.push(...trainerOverrides(profile, gpuCount));
  return [python, '-m', VERL_MODULE, ...applyUserOverrides(overrides, profile.overrides).map(([k, v]) => (v === undefined ? k : `${k}=${v}`))];
}

function dataAndModel(p: VerlSettings): Override[] {
  return present([
    ['data.train_files', hydraPaths(p.trainFiles)],
    ['data.val_files', hydraPaths(p.valFiles)],
    ['data.train_batch_size', p.trainBatchSize],
    ['data.max_prompt_length', p.maxPromptLength],
    ['data.max_response_length', p.maxResponseLength],
    ['actor_rollout_ref.model.path', hydraString(p.model)],
    [`${ACTOR}.optim.lr`, p.learningRate],
    [`${ACTOR}.ppo_mini_batch_size`, p.ppoMiniBatchSize],
    [`${ACTOR}.ppo_micro_batch_size_per_gpu`, p.ppoMicroBatchSizePerGpu],
    ['actor_rollout_ref.rollout.n', p.rolloutN],
  ]);
}

/** The LaSeR fork's keys, in the order of its run_qwen2_5_7b.sh. */
export function laserOverrides(l: LaserSettings): Override[] {
  return [
    [`${ACTOR}.use_self_reward_loss`, hydraBoolean(true)],
    ['actor_rollout_ref.ref.use_self_reward_loss', hydraBoolean(true)],
    [`${ACTOR}.self_reward_loss_balanced`, hydraBoolean(l.selfRewardLossBalanced)],
    [`${ACTOR}.ref_model_log_ratio_constant`, hydraFloat(l.refModelLogRatioConstant)],
    [`${ACTOR}.self_reward_loss_coef`, hydraFloat(l.selfRewardLossCoef)],
    [`${ACTOR}.self_reward_kl_coef`, hydraFloat(l.selfRewardKlCoef)],
    [`${ACTOR}.self_rewarding_advantages_integration_coef`, hydraFloat(l.selfRewardingAdvantagesIntegrationCoef)],
    [`${ACTOR}.self_rewarding_advantages_filtering_threshold`, hydraFloat(l.selfRewardingAdvantagesFilteringThreshold)],
    [`${ACTOR}.reasoning_warmup_steps`, String(l.reasoningWarmupSteps)],
    [`${ACTOR}.self_rewarding_warmup_steps`, String(l.selfRewardingWarmupSteps)],
    [`${ACTOR}.pad_token_id`, String(l.padTokenId)],
    [`${ACTOR}.self_reward_token_id`, String(l.selfRewardTokenId)],
  ];
}

/** HKUST Laser's top-level `length_penalty.*` block (its lengthy_ppo_trainer.yaml) and the Laser-D/-DE monitor set. */
export function lengthOverrides(l: LengthPenaltySettings): Override[] {
  return present([
    ['length_penalty.enable', hydraBoolean(true)],
    ['length_penalty.method', l.method],
    ['length_penalty.length_reward_scalar', hydraFloat(l.lengthRewardScalar)],
    ['length_penalty.target_length', l.targetLength],
    ['length_penalty.lower_bound', l.lowerBound],
    ['length_penalty.upper_bound', l.upperBound],
    ['length_penalty.interval', l.interval],
    ['length_penalty.expected_n_correct', l.expectedNCorrect],
    ['length_penalty.round_method', l.roundMethod],
    ['data.monitor_files', l.monitorFiles === undefined ? undefined : hydraPaths(l.monitorFiles)],
    ['trainer.monitor_freq', l.monitorFiles === undefined ? undefined : l.monitorFreq],
  ]);
}

function trainerOverrides(p: VerlSettings, gpuCount: number | undefined): Override[] {
  const loggers = ['console', ...(p.loggers ?? DEFAULT_LOGGERS).filter((l) => l !== 'console')];
  return present([
    ['trainer.logger', hydraList(loggers)],
    ['trainer.project_name', p.projectName === undefined ? undefined : hydraString(p.projectName)],
    ['trainer.experiment_name', p.experimentName === undefined ? undefined : hydraString(p.experimentName)],
    ['trainer.n_gpus_per_node', p.gpusPerNode ?? gpuCount],
    ['trainer.nnodes', p.nnodes],
    ['trainer.save_freq', p.saveFreq],
    ['trainer.test_freq', p.testFreq],
    ['trainer.default_local_dir', p.checkpointDir === undefined ? undefined : hydraString(p.checkpointDir)],
    ['trainer.total_epochs', p.totalEpochs],
    ['trainer.total_training_steps', p.totalTrainingSteps],
    ['trainer.resume_mode', p.resumeMode],
    ['trainer.resume_from_path', p.resumeFromPath === undefined ? undefined : hydraString(p.resumeFromPath)],
  ]);
}

/** User overrides replace a generated key in place (Hydra rejects a key given twice) or are appended. */
function applyUserOverrides(generated: readonly Override[], user: VerlSettings['overrides']): (readonly [string, string | undefined])[] {
  const result: (readonly [string, string | undefined])[] = [...generated];
  const entries: (readonly [string, string | undefined])[] = Array.isArray(user)
    ? user.map((item: string) => splitOverride(item))
    : Object.entries(user ?? {}).map(([k, v]) => [k, hydraOverrideValue(v)] as const);
  for (const [key, value] of entries) {
    const bare = key.replace(/^[+~]+/, '');
    const at = result.findIndex(([k]) => k === bare);
    if (at >= 0) result.splice(at, 1, key.startsWith('~') ? [key, value] : [bare, value]);
    else result.push([key, value]);
  }
  return result;
}

function splitOverride(item: string): readonly [string, string | undefined] {
  const eq = item.indexOf('=');
  return eq < 0 ? [item, undefined] : [item.slice(0, eq), item.slice(eq + 1)];
}

function present(pairs: readonly (readonly [string, string | number | undefined])[]): Override[] {
  return pairs.filter((pair): pair is readonly [string, string | number] => pair[1] !== undefined).map(([k, v]) => [k, String(v)]);
}
