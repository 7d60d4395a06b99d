/** A run profile as read from `<workspace>/.laser/profiles/*.json` (see schemas/profile.schema.json). */
export type RunProfile = VerlLaserProfile | VerlGrpoProfile | VerlLaserLengthProfile | ReferenceProfile | ScriptProfile;

export const PROFILE_KINDS = ['verl-laser', 'verl-grpo', 'verl-laser-length', 'reference', 'script'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export const LAUNCHERS = ['local', 'ray-job', 'slurm'] as const;
export type Launcher = (typeof LAUNCHERS)[number];

/** Fields every kind accepts. */
export interface CommonProfile {
  readonly name?: string;
  readonly description?: string;
  /** Working directory of the command, relative to the workspace folder unless absolute. */
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** A GPU count (the first N, or the ones picked when the run is created) or explicit device indices. */
  readonly gpus?: number | readonly number[];
  readonly launcher?: Launcher;
  /** Extra arguments for the launcher (`ray job submit …`, `srun …`), placed before the command. */
  readonly launcherArgs?: readonly string[];
  /** Interpreter for Python kinds: a path or a command on PATH. */
  readonly python?: string;
}

/** verl `main_ppo` settings shared by the three verl kinds; unset fields keep verl's own defaults. */
export interface VerlSettings {
  readonly model: string;
  readonly trainFiles: string | readonly string[];
  readonly valFiles: string | readonly string[];
  readonly trainBatchSize?: number;
  readonly ppoMiniBatchSize?: number;
  readonly ppoMicroBatchSizePerGpu?: number;
  readonly learningRate?: number;
  readonly rolloutN?: number;
  readonly maxPromptLength?: number;
  readonly maxResponseLength?: number;
  readonly gpusPerNode?: number;
  readonly nnodes?: number;
  /** verl loggers; `console` is always added because the extension reads the console output. */
  readonly loggers?: readonly string[];
  readonly projectName?: string;
  readonly experimentName?: string;
  readonly checkpointDir?: string;
  readonly saveFreq?: number;
  readonly testFreq?: number;
  readonly totalEpochs?: number;
  readonly totalTrainingSteps?: number;
  readonly resumeMode?: 'auto' | 'disable' | 'resume_path';
  readonly resumeFromPath?: string;
  /** Free `key=value` overrides: an object (values formatted) or literal strings; they win over generated keys. */
  readonly overrides?: Readonly<Record<string, string | number | boolean | null>> | readonly string[];
}

/** The LaSeR fork's actor settings (DESIGN.md §1); every field has the paper's Qwen2.5-7B default. */
export interface LaserSettings {
  readonly selfRewardLossCoef: number;
  readonly selfRewardKlCoef: number;
  readonly refModelLogRatioConstant: number;
  readonly selfRewardLossBalanced: boolean;
  readonly selfRewardingAdvantagesIntegrationCoef: number;
  readonly selfRewardingAdvantagesFilteringThreshold: number;
  readonly reasoningWarmupSteps: number;
  readonly selfRewardingWarmupSteps: number;
  readonly padTokenId: number;
  readonly selfRewardTokenId: number;
}

export const LENGTH_METHODS = ['larse', 'larse-d', 'larse-de'] as const;
export type LengthMethod = (typeof LENGTH_METHODS)[number];

/** HKUST Laser's `length_penalty.*` block, plus the monitor set that Laser-D/-DE adapt their target lengths from. */
export interface LengthPenaltySettings {
  readonly method: LengthMethod;
  readonly lengthRewardScalar: number;
  readonly targetLength: number;
  readonly lowerBound: number;
  readonly upperBound: number;
  readonly interval: number;
  readonly expectedNCorrect: number;
  readonly roundMethod: 'floor' | 'ceil';
  readonly monitorFiles?: string | readonly string[];
  readonly monitorFreq?: number;
}

export interface VerlLaserProfile extends CommonProfile, VerlSettings {
  readonly kind: 'verl-laser';
  readonly laser: LaserSettings;
}

export interface VerlGrpoProfile extends CommonProfile, VerlSettings {
  readonly kind: 'verl-grpo';
}

export interface VerlLaserLengthProfile extends CommonProfile, VerlSettings {
  readonly kind: 'verl-laser-length';
  readonly lengthPenalty: LengthPenaltySettings;
}

/** `python -m laser_lab.train`, with a config file and/or the tiny CPU flags. */
export interface ReferenceProfile extends CommonProfile {
  readonly kind: 'reference';
  readonly config?: string;
  readonly init?: string;
  readonly task?: string;
  readonly steps?: number;
  readonly device?: string;
  readonly seed?: number;
  /** Output folder; the run folder when unset. */
  readonly out?: string;
  readonly args?: readonly string[];
}

export interface ScriptProfile extends CommonProfile {
  readonly kind: 'script';
  readonly argv: readonly string[];
}

export type VerlProfile = VerlLaserProfile | VerlGrpoProfile | VerlLaserLengthProfile;

export function isVerlProfile(profile: RunProfile): profile is VerlProfile {
  return profile.kind === 'verl-laser' || profile.kind === 'verl-grpo' || profile.kind === 'verl-laser-length';
}
