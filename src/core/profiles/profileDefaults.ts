import type { LaserSettings, LengthPenaltySettings } from './runProfile';

/** RUCBM/LaSeR `verl/examples/grpo_trainer/run_qwen2_5_7b.sh`, the Qwen2.5-7B-Base run of the paper. */
export const LASER_DEFAULTS: LaserSettings = {
  selfRewardLossCoef: 0.1,
  selfRewardKlCoef: 0.1,
  refModelLogRatioConstant: -23.0,
  selfRewardLossBalanced: true,
  selfRewardingAdvantagesIntegrationCoef: 0.1,
  selfRewardingAdvantagesFilteringThreshold: 0.1,
  reasoningWarmupSteps: 200,
  selfRewardingWarmupSteps: 200,
  padTokenId: 151643,
  selfRewardTokenId: 151652,
};

/** hkust-nlp/Laser `verl/trainer/config/lengthy_ppo_trainer.yaml` (`length_penalty:`), monitor frequency from its scripts. */
export const LENGTH_PENALTY_DEFAULTS: Omit<LengthPenaltySettings, 'monitorFiles' | 'monitorFreq'> & { readonly monitorFreq: number } = {
  method: 'larse',
  lengthRewardScalar: 0.5,
  targetLength: 8192,
  lowerBound: 2048,
  upperBound: 16384,
  interval: 1024,
  expectedNCorrect: 1,
  roundMethod: 'floor',
  monitorFreq: 20,
};

export const DEFAULT_LOGGERS: readonly string[] = ['console'];
