import { childPath, FieldReader, isJsonObject } from './fieldReader';
import type { ProfileError } from './profileError';
import { FIELDS_BY_KIND } from './profileFields';
import { LAUNCHERS, PROFILE_KINDS, type CommonProfile, type ProfileKind, type RunProfile } from './runProfile';
import { readLaserSettings, readLengthPenalty, readVerlSettings } from './validateVerl';

export type ProfileValidation = { readonly ok: true; readonly profile: RunProfile } | { readonly ok: false; readonly errors: readonly ProfileError[] };

/** Checks a parsed profile; every error names its field. A valid profile comes back with defaults filled in. */
export function validateProfile(value: unknown): ProfileValidation {
  const errors: ProfileError[] = [];
  if (!isJsonObject(value)) return { ok: false, errors: [{ path: '', message: 'expected a JSON object with a "kind"' }] };
  const fields = new FieldReader(value, '', errors);
  const kinds = PROFILE_KINDS.map((k) => JSON.stringify(k)).join(', ');
  if (!fields.has('kind')) {
    fields.fail('kind', `required, one of ${kinds}`);
    return { ok: false, errors };
  }
  const kind = fields.oneOf('kind', PROFILE_KINDS);
  if (!kind) return { ok: false, errors };
  fields.rejectUnknown(FIELDS_BY_KIND[kind], ` for kind ${kind}`);
  const common = readCommon(fields);
  const specific = readKind(fields, kind);
  if (errors.length > 0 || !common || !specific) return { ok: false, errors };
  return { ok: true, profile: { ...common, ...specific, kind } as RunProfile };
}

function readKind(fields: FieldReader, kind: ProfileKind): object | undefined {
  switch (kind) {
    case 'verl-laser': {
      const verl = readVerlSettings(fields, kind);
      const laser = readLaserSettings(fields);
      return verl && laser ? { ...verl, laser } : undefined;
    }
    case 'verl-grpo':
      return readVerlSettings(fields, kind);
    case 'verl-laser-length': {
      const verl = readVerlSettings(fields, kind);
      const lengthPenalty = readLengthPenalty(fields);
      return verl && lengthPenalty ? { ...verl, lengthPenalty } : undefined;
    }
    case 'reference':
      return readReference(fields);
    case 'script': {
      fields.required('argv', 'for kind script: the command and its arguments, e.g. ["python3", "train.py"]');
      const argv = fields.stringList('argv', { nonEmpty: true });
      if (argv && argv[0]!.trim() === '') return fields.failAt(childPath('argv', 0), 'expected the command to run');
      return argv ? { argv } : undefined;
    }
  }
}

function readReference(fields: FieldReader): object | undefined {
  const read = {
    config: fields.string('config'),
    init: fields.string('init'),
    task: fields.string('task'),
    steps: fields.number('steps', { integer: true, min: 1 }),
    device: fields.string('device'),
    seed: fields.number('seed', { integer: true, min: 0 }),
    out: fields.string('out'),
    args: fields.stringList('args'),
  };
  if (!fields.has('config') && !fields.has('init')) {
    return fields.fail('config', 'set "config" (a laser_lab.train config file) or "init" (e.g. "tiny")');
  }
  return defined(read);
}

function readCommon(fields: FieldReader): CommonProfile | undefined {
  const before = fields.errorCount;
  const common = {
    name: fields.string('name'),
    description: fields.string('description'),
    cwd: fields.string('cwd'),
    env: readEnv(fields),
    gpus: readGpus(fields),
    launcher: fields.oneOf('launcher', LAUNCHERS),
    launcherArgs: fields.stringList('launcherArgs'),
    python: fields.string('python'),
  };
  if (common.launcherArgs !== undefined && (common.launcher ?? 'local') === 'local') {
    fields.fail('launcherArgs', 'only used with launcher "ray-job" or "slurm"');
  }
  return fields.errorCount === before ? defined(common) : undefined;
}

function readEnv(fields: FieldReader): Record<string, string> | undefined {
  const env = fields.nested('env');
  if (!env) return undefined;
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env.object)) {
    if (!/^[^=\0]+$/.test(name)) env.fail(name, 'expected a variable name without "="');
    else if (typeof value === 'string') result[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) result[name] = String(value);
    else env.fail(name, 'expected a string');
  }
  return result;
}

function readGpus(fields: FieldReader): number | number[] | undefined {
  const value = fields.object.gpus;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    return typeof value === 'number' ? fields.number('gpus', { integer: true, min: 1 }) : fields.fail('gpus', 'expected a GPU count or an array of GPU indices');
  }
  if (value.length === 0) return fields.fail('gpus', 'expected at least one GPU index');
  const seen = new Set<number>();
  let ok = true;
  value.forEach((index, i) => {
    const path = childPath('gpus', i);
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
      ok = false;
      fields.failAt(path, 'expected a GPU index (an integer >= 0)');
    } else if (seen.has(index)) {
      ok = false;
      fields.failAt(path, `GPU ${index} is listed twice`);
    } else seen.add(index);
  });
  return ok ? (value as number[]) : undefined;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
