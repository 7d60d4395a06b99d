import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ScoreSettings } from './scoreSettings';

export class ModelFolderError extends Error {}

/** `onnx`: written by `python -m laser_lab.export_onnx`; `hf`: a Hugging Face checkpoint folder (scored by the Python worker). */
export type ModelKind = 'onnx' | 'hf';

/** The `laser_lab` block of an exported folder's config.json. */
export interface OnnxLaserBlock {
  readonly selfRewardTokenId?: number;
  readonly beta?: number;
  readonly cRef?: number;
  readonly eosTokenId: number;
  readonly padTokenId: number;
  /** The user message; every `{problem}` is replaced by the problem text. */
  readonly promptTemplate: string;
  readonly useChatTemplate: boolean;
  readonly onnxFile: string;
  readonly maxContext?: number;
  readonly source?: string;
}

export interface ModelInfo {
  readonly dir: string;
  readonly kind: ModelKind;
  /** Changes when the weights change: a hash of the weight files' names, sizes and modification times. */
  readonly identity: string;
  /** z_c/β/c_ref as the folder records them (exported block or the trainer's laser_config.json). */
  readonly settings: Partial<ScoreSettings>;
  /** Only for `onnx`. */
  readonly laser?: OnnxLaserBlock;
}

const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json'];

async function readJsonFile(dir: string, name: string): Promise<Record<string, unknown>> {
  const path = join(dir, name);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ModelFolderError(`${dir}: missing ${name} (expected a model folder written by "python -m laser_lab.export_onnx" or a Hugging Face checkpoint)`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ModelFolderError(`${path}: not a JSON object`);
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function laserBlock(dir: string, block: Record<string, unknown>): OnnxLaserBlock {
  const need = (key: string): number => {
    const v = num(block[key]);
    if (v === undefined) throw new ModelFolderError(`${join(dir, 'config.json')}: "laser_lab.${key}" must be a number`);
    return v;
  };
  const template = block.prompt_template ?? '{problem}';
  if (typeof template !== 'string' || !template.includes('{problem}')) {
    throw new ModelFolderError(`${join(dir, 'config.json')}: "laser_lab.prompt_template" must be a string containing {problem}`);
  }
  const optional = <T>(key: string, v: T | undefined): Record<string, T> => (v === undefined ? {} : { [key]: v });
  return {
    ...optional('selfRewardTokenId', num(block.self_reward_token_id)),
    ...optional('beta', num(block.beta)),
    ...optional('cRef', num(block.c_ref)),
    ...optional('maxContext', num(block.max_context)),
    ...optional('source', typeof block.source === 'string' ? block.source : undefined),
    eosTokenId: need('eos_token_id'),
    padTokenId: need('pad_token_id'),
    promptTemplate: template,
    useChatTemplate: block.use_chat_template !== false,
    onnxFile: typeof block.onnx_file === 'string' ? block.onnx_file : 'model.onnx',
  };
}

async function fileStamp(dir: string, name: string): Promise<string> {
  try {
    const s = await stat(join(dir, name));
    return `${name}:${s.size}:${Math.round(s.mtimeMs)}`;
  } catch {
    throw new ModelFolderError(`${dir}: missing ${name}`);
  }
}

function hash(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

/** Checks every file the scorer needs is there (a missing one is named) without loading anything large. */
export async function readModelInfo(folder: string): Promise<ModelInfo> {
  const dir = resolve(folder);
  const dirStat = await stat(dir).catch(() => undefined);
  if (!dirStat?.isDirectory()) throw new ModelFolderError(`${dir}: not a folder`);
  const config = await readJsonFile(dir, 'config.json');
  const stamps: string[] = [];
  for (const name of TOKENIZER_FILES) stamps.push(await fileStamp(dir, name));
  const block = config.laser_lab;
  if (typeof block === 'object' && block !== null && !Array.isArray(block)) {
    const laser = laserBlock(dir, block as Record<string, unknown>);
    stamps.push(await fileStamp(dir, laser.onnxFile));
    const settings: Partial<ScoreSettings> = {
      ...(laser.selfRewardTokenId === undefined ? {} : { tokenId: laser.selfRewardTokenId }),
      ...(laser.beta === undefined ? {} : { beta: laser.beta }),
      ...(laser.cRef === undefined ? {} : { cRef: laser.cRef }),
    };
    return { dir, kind: 'onnx', identity: hash(['onnx', dir, ...stamps]), settings, laser };
  }
  const names = await readdir(dir);
  const weights = names.filter((n) => /\.safetensors$|^pytorch_model.*\.bin$/.test(n)).sort();
  if (weights.length === 0) {
    throw new ModelFolderError(`${dir}: missing model weights (*.safetensors or pytorch_model*.bin), or model.onnx with a "laser_lab" block in config.json`);
  }
  for (const name of weights) stamps.push(await fileStamp(dir, name));
  return { dir, kind: 'hf', identity: hash(['hf', dir, ...stamps]), settings: await trainerSettings(dir) };
}

/** What `laser_lab.train` wrote next to its checkpoints (laser_config.json), when it is there. */
async function trainerSettings(dir: string): Promise<Partial<ScoreSettings>> {
  let cfg: Record<string, unknown>;
  try {
    cfg = JSON.parse(await readFile(join(dir, 'laser_config.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
  const tokenId = num(cfg.self_reward_token_id);
  const beta = num(cfg.self_reward_kl_coef);
  const cRef = num(cfg.ref_model_log_ratio_constant);
  return {
    ...(tokenId === undefined ? {} : { tokenId }),
    ...(beta === undefined ? {} : { beta }),
    ...(cRef !== undefined && cRef < 0 ? { cRef } : {}),
  };
}

export interface TokenizerFiles {
  readonly tokenizerJson: Record<string, unknown>;
  readonly tokenizerConfig: Record<string, unknown>;
}

export async function readTokenizerFiles(dir: string): Promise<TokenizerFiles> {
  const [tokenizerJson, tokenizerConfig] = await Promise.all(TOKENIZER_FILES.map((name) => readJsonFile(dir, name)));
  return { tokenizerJson: tokenizerJson!, tokenizerConfig: tokenizerConfig! };
}
