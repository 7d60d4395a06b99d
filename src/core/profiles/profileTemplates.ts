import { LASER_DEFAULTS, LENGTH_PENALTY_DEFAULTS } from './profileDefaults';
import type { ProfileKind } from './runProfile';

export const KIND_DESCRIPTIONS: Readonly<Record<ProfileKind, string>> = {
  'verl-laser': 'LaSeR on verl: GRPO + last-token self-rewarding (the paper\'s Qwen2.5-7B settings)',
  'verl-grpo': 'GRPO baseline on verl (no self-reward loss)',
  'verl-laser-length': 'HKUST Laser / Laser-D / Laser-DE length-shaped rewards on verl',
  reference: 'The built-in single-process LaSeR trainer (python -m laser_lab.train), CPU or one GPU',
  script: 'Any command, e.g. your own bash run_qwen2_5_7b.sh',
};

const VERL_BASE = {
  model: '~/models/Qwen2.5-7B',
  trainFiles: '~/data/math/train.parquet',
  valFiles: '~/data/math/test.parquet',
  trainBatchSize: 128,
  ppoMiniBatchSize: 64,
  rolloutN: 8,
  maxPromptLength: 1024,
  maxResponseLength: 3072,
  gpusPerNode: 8,
  nnodes: 1,
  loggers: ['console'],
  saveFreq: 50,
  testFreq: 10,
  resumeMode: 'auto',
  overrides: {},
};

/**
 * A new profile with every commonly changed field spelled out at its default, so the file documents itself
 * (hover a field for its description: the schema is contributed for `.laser/profiles/*.json`).
 */
export function profileTemplate(kind: ProfileKind, name: string): Record<string, unknown> {
  const head = { kind, name, description: KIND_DESCRIPTIONS[kind] };
  switch (kind) {
    case 'verl-laser':
      return { ...head, ...VERL_BASE, laser: { ...LASER_DEFAULTS } };
    case 'verl-grpo':
      return { ...head, ...VERL_BASE };
    case 'verl-laser-length':
      return { ...head, ...VERL_BASE, lengthPenalty: { ...LENGTH_PENALTY_DEFAULTS, method: 'larse' } };
    case 'reference':
      return { ...head, init: 'tiny', task: 'arithmetic', steps: 60, device: 'cpu', seed: 0 };
    case 'script':
      return { ...head, argv: ['bash', 'run_qwen2_5_7b.sh'], env: {} };
  }
}
