import type { ProfileKind } from './runProfile';

/** Top-level fields any kind accepts (`$schema` lets editors find the schema). */
export const COMMON_FIELDS = ['$schema', 'kind', 'name', 'description', 'cwd', 'env', 'gpus', 'launcher', 'launcherArgs', 'python'] as const;

export const VERL_FIELDS = [
  'model', 'trainFiles', 'valFiles', 'trainBatchSize', 'ppoMiniBatchSize', 'ppoMicroBatchSizePerGpu', 'learningRate', 'rolloutN',
  'maxPromptLength', 'maxResponseLength', 'gpusPerNode', 'nnodes', 'loggers', 'projectName', 'experimentName', 'checkpointDir',
  'saveFreq', 'testFreq', 'totalEpochs', 'totalTrainingSteps', 'resumeMode', 'resumeFromPath', 'overrides',
] as const;

export const LASER_FIELDS = [
  'selfRewardLossCoef', 'selfRewardKlCoef', 'refModelLogRatioConstant', 'selfRewardLossBalanced', 'selfRewardingAdvantagesIntegrationCoef',
  'selfRewardingAdvantagesFilteringThreshold', 'reasoningWarmupSteps', 'selfRewardingWarmupSteps', 'padTokenId', 'selfRewardTokenId',
] as const;

export const LENGTH_PENALTY_FIELDS = [
  'method', 'lengthRewardScalar', 'targetLength', 'lowerBound', 'upperBound', 'interval', 'expectedNCorrect', 'roundMethod', 'monitorFiles', 'monitorFreq',
] as const;

export const REFERENCE_FIELDS = ['config', 'init', 'task', 'steps', 'device', 'seed', 'out', 'args'] as const;

/** Every top-level field a profile of `kind` may have. */
export const FIELDS_BY_KIND: Readonly<Record<ProfileKind, ReadonlySet<string>>> = {
  'verl-laser': new Set([...COMMON_FIELDS, ...VERL_FIELDS, 'laser']),
  'verl-grpo': new Set([...COMMON_FIELDS, ...VERL_FIELDS]),
  'verl-laser-length': new Set([...COMMON_FIELDS, ...VERL_FIELDS, 'lengthPenalty']),
  reference: new Set([...COMMON_FIELDS, ...REFERENCE_FIELDS]),
  script: new Set([...COMMON_FIELDS, 'argv']),
};
