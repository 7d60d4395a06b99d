import { childPath, isJsonObject, type FieldReader } from './fieldReader';
import { LASER_DEFAULTS, LENGTH_PENALTY_DEFAULTS } from './profileDefaults';
import { LASER_FIELDS, LENGTH_PENALTY_FIELDS } from './profileFields';
import { LENGTH_METHODS, type LaserSettings, type LengthPenaltySettings, type VerlSettings } from './runProfile';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const POSITIVE_INTEGER = { integer: true, min: 1 } as const;
const OVERRIDE_KEY = /^[+~]{0,2}[A-Za-z_][\w.@/-]*$/;
const OVERRIDE_STRING = /^(?:~[A-Za-z_][\w.@/-]*(?:=.*)?|\+{0,2}[A-Za-z_][\w.@/-]*=.*)$/s;

/** The verl settings shared by the three verl kinds. */
export function readVerlSettings(fields: FieldReader, kind: string): VerlSettings | undefined {
  for (const key of ['model', 'trainFiles', 'valFiles']) fields.required(key, `for kind ${kind}`);
  const settings: Mutable<Partial<VerlSettings>> = {
    model: fields.string('model'),
    trainFiles: fields.stringOrList('trainFiles'),
    valFiles: fields.stringOrList('valFiles'),
    trainBatchSize: fields.number('trainBatchSize', POSITIVE_INTEGER),
    ppoMiniBatchSize: fields.number('ppoMiniBatchSize', POSITIVE_INTEGER),
    ppoMicroBatchSizePerGpu: fields.number('ppoMicroBatchSizePerGpu', POSITIVE_INTEGER),
    learningRate: fields.number('learningRate', { exclusiveMin: 0 }),
    rolloutN: fields.number('rolloutN', POSITIVE_INTEGER),
    maxPromptLength: fields.number('maxPromptLength', POSITIVE_INTEGER),
    maxResponseLength: fields.number('maxResponseLength', POSITIVE_INTEGER),
    gpusPerNode: fields.number('gpusPerNode', POSITIVE_INTEGER),
    nnodes: fields.number('nnodes', POSITIVE_INTEGER),
    loggers: fields.stringList('loggers'),
    projectName: fields.string('projectName'),
    experimentName: fields.string('experimentName'),
    checkpointDir: fields.string('checkpointDir'),
    saveFreq: fields.number('saveFreq', { integer: true, min: -1 }),
    testFreq: fields.number('testFreq', { integer: true, min: -1 }),
    totalEpochs: fields.number('totalEpochs', POSITIVE_INTEGER),
    totalTrainingSteps: fields.number('totalTrainingSteps', POSITIVE_INTEGER),
    resumeMode: fields.oneOf('resumeMode', ['auto', 'disable', 'resume_path'] as const),
    resumeFromPath: fields.string('resumeFromPath'),
    overrides: readOverrides(fields),
  };
  if (settings.resumeMode === 'resume_path' && !fields.has('resumeFromPath')) {
    fields.fail('resumeFromPath', 'required when resumeMode is "resume_path"');
  }
  if (settings.model === undefined || settings.trainFiles === undefined || settings.valFiles === undefined) return undefined;
  return withoutUndefined(settings) as unknown as VerlSettings;
}

function readOverrides(fields: FieldReader): VerlSettings['overrides'] {
  const value = fields.object.overrides;
  if (value === undefined) return undefined;
  const where = fields.path('overrides');
  if (Array.isArray(value)) {
    const list = fields.stringList('overrides');
    if (!list) return undefined;
    const bad = list.map((item, i) => [item, i] as const).filter(([item]) => !OVERRIDE_STRING.test(item));
    for (const [item, i] of bad) fields.failAt(childPath(where, i), `expected "key=value", got ${JSON.stringify(item)}`);
    return bad.length ? undefined : list;
  }
  if (!isJsonObject(value)) return fields.fail('overrides', 'expected an object of key: value or an array of "key=value" strings');
  let ok = true;
  for (const [key, item] of Object.entries(value)) {
    if (!OVERRIDE_KEY.test(key)) {
      ok = false;
      fields.failAt(childPath(where, key), 'expected a dotted config key such as "trainer.total_epochs"');
    } else if (item !== null && !['string', 'number', 'boolean'].includes(typeof item)) {
      ok = false;
      fields.failAt(childPath(where, key), 'expected a string, number, boolean or null');
    }
  }
  return ok ? (value as Record<string, string | number | boolean | null>) : undefined;
}

/** The `laser` block of a verl-laser profile, with the paper's defaults filled in. */
export function readLaserSettings(fields: FieldReader): LaserSettings | undefined {
  const laser = fields.nested('laser');
  if (fields.has('laser') && !laser) return undefined;
  if (!laser) return LASER_DEFAULTS;
  laser.rejectUnknown(new Set(LASER_FIELDS), ' in laser');
  const nonNegative = { min: 0 } as const;
  const count = { integer: true, min: 0 } as const;
  const read: Partial<Mutable<LaserSettings>> = {
    selfRewardLossCoef: laser.number('selfRewardLossCoef', nonNegative),
    selfRewardKlCoef: laser.number('selfRewardKlCoef', { exclusiveMin: 0 }),
    refModelLogRatioConstant: laser.number('refModelLogRatioConstant'),
    selfRewardLossBalanced: laser.boolean('selfRewardLossBalanced'),
    selfRewardingAdvantagesIntegrationCoef: laser.number('selfRewardingAdvantagesIntegrationCoef', nonNegative),
    selfRewardingAdvantagesFilteringThreshold: laser.number('selfRewardingAdvantagesFilteringThreshold', nonNegative),
    reasoningWarmupSteps: laser.number('reasoningWarmupSteps', count),
    selfRewardingWarmupSteps: laser.number('selfRewardingWarmupSteps', count),
    padTokenId: laser.number('padTokenId', count),
    selfRewardTokenId: laser.number('selfRewardTokenId', count),
  };
  if (LASER_FIELDS.some((key) => laser.has(key) && read[key] === undefined)) return undefined;
  return { ...LASER_DEFAULTS, ...withoutUndefined(read) };
}

/** The `lengthPenalty` block of a verl-laser-length profile, with the HKUST Laser defaults filled in. */
export function readLengthPenalty(fields: FieldReader): LengthPenaltySettings | undefined {
  const block = fields.nested('lengthPenalty');
  if (fields.has('lengthPenalty') && !block) return undefined;
  if (!block) return LENGTH_PENALTY_DEFAULTS;
  block.rejectUnknown(new Set(LENGTH_PENALTY_FIELDS), ' in lengthPenalty');
  const read: Partial<Mutable<LengthPenaltySettings>> = {
    method: block.oneOf('method', LENGTH_METHODS),
    lengthRewardScalar: block.number('lengthRewardScalar'),
    targetLength: block.number('targetLength', POSITIVE_INTEGER),
    lowerBound: block.number('lowerBound', POSITIVE_INTEGER),
    upperBound: block.number('upperBound', POSITIVE_INTEGER),
    interval: block.number('interval', POSITIVE_INTEGER),
    expectedNCorrect: block.number('expectedNCorrect', POSITIVE_INTEGER),
    roundMethod: block.oneOf('roundMethod', ['floor', 'ceil'] as const),
    monitorFiles: block.stringOrList('monitorFiles'),
    monitorFreq: block.number('monitorFreq', POSITIVE_INTEGER),
  };
  if (LENGTH_PENALTY_FIELDS.some((key) => block.has(key) && read[key] === undefined)) return undefined;
  const settings = { ...LENGTH_PENALTY_DEFAULTS, ...withoutUndefined(read) };
  if (settings.lowerBound > settings.upperBound) {
    block.fail('lowerBound', `expected at most upperBound (${settings.upperBound})`);
    return undefined;
  }
  return settings;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
