import { readFile } from 'node:fs/promises';
import { ScoringCancelled } from './onnxScorer';
import { readModelInfo, type ModelInfo } from './modelFolder';
import { scoreWithPython, type PythonBackend } from './pythonScorer';
import { assembleOutcome, scoreItems, type ScoreOutcome } from './scoreOutcome';
import { scoredCopyText, writeFileAtomic } from './scoredCopy';
import { resolveScoreSettings, type ScoreSettings } from './scoreSettings';
import { contentSha256, readSidecar, sidecarPath, writeSidecar, type Sidecar, type SidecarKey } from './sidecarCache';
import { scoreInWorker } from './scoreWorkerClient';
import { decodeUtf8, parseSolutionsFile, type SolutionsLine } from './solutionsFile';

export type ScoringBackend = 'onnx' | PythonBackend;

export interface ScoreFileRequest {
  readonly file: string;
  readonly modelDir: string;
  /** `<workspace>/.laser`: the sidecar goes to its `scores/`. */
  readonly laserDir: string;
  /** Default: `onnx` for an exported folder, `transformers` for a HF checkpoint. */
  readonly backend?: ScoringBackend;
  /** Explicit values; the rest comes from the model folder, then `fallback`, then LaSeR's defaults. */
  readonly settings?: Partial<ScoreSettings>;
  readonly fallback?: Partial<ScoreSettings>;
  /** Also write a copy of the file with `self_rewarding_scores` filled in. */
  readonly scoredCopy?: string;
  readonly batchTokens?: number;
  readonly threads?: number;
  readonly workerPath?: string;
  /** Needed for the Python backends. */
  readonly python?: { readonly python: string; readonly packageRoot: string; readonly device?: string };
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ScoreFileResult {
  readonly sidecar: Sidecar;
  readonly sidecarPath: string;
  /** Served from the sidecar cache: nothing was run. */
  readonly cacheHit: boolean;
  readonly model: ModelInfo;
}

export class ScoringError extends Error {}

export const DEFAULT_BATCH_TOKENS = 8192;
export const DEFAULT_THREADS = 2;

interface Prepared {
  readonly text: string;
  readonly lines: SolutionsLine[];
  readonly model: ModelInfo;
  readonly backend: ScoringBackend;
  readonly settings: ScoreSettings;
  readonly key: SidecarKey;
  readonly cached?: Sidecar;
}

/** Reads the file (strict UTF-8) and the model folder's small files, and looks the sidecar cache up. */
async function prepare(request: ScoreFileRequest): Promise<Prepared> {
  const bytes = await readFile(request.file).catch((e: NodeJS.ErrnoException) => {
    throw new ScoringError(`${request.file}: cannot read (${e.code ?? e.message})`);
  });
  const text = decodeUtf8(bytes, request.file);
  const model = await readModelInfo(request.modelDir);
  const backend = request.backend ?? (model.kind === 'onnx' ? 'onnx' : 'transformers');
  if (backend === 'onnx' && model.kind !== 'onnx') {
    throw new ScoringError(`${model.dir}: a Hugging Face checkpoint; export it with "python -m laser_lab.export_onnx" or score it with the transformers/vLLM backend`);
  }
  const settings = resolveScoreSettings(request.settings ?? {}, { ...request.fallback, ...model.settings });
  const key: SidecarKey = { contentSha256: contentSha256(bytes), modelIdentity: model.identity, settings };
  const cached = await readSidecar(request.laserDir, key);
  return { text, lines: parseSolutionsFile(text), model, backend, settings, key, ...(cached ? { cached } : {}) };
}

async function finish(request: ScoreFileRequest, prepared: Prepared, sidecar: Sidecar, path: string, cacheHit: boolean): Promise<ScoreFileResult> {
  if (request.scoredCopy) await writeFileAtomic(request.scoredCopy, scoredCopyText(prepared.text, prepared.lines, sidecar));
  return { sidecar, sidecarPath: path, cacheHit, model: prepared.model };
}

/** The cached result for this file, model and settings, without running anything (writes the scored copy if asked). */
export async function cachedScores(request: ScoreFileRequest): Promise<ScoreFileResult | undefined> {
  const prepared = await prepare(request);
  return prepared.cached && finish(request, prepared, prepared.cached, sidecarPath(request.laserDir, prepared.key), true);
}

/** Scores every response of a LaSeR eval JSONL (or serves the cached result), writes the sidecar and, on request, a scored copy. */
export async function scoreSolutionsFile(request: ScoreFileRequest): Promise<ScoreFileResult> {
  const prepared = await prepare(request);
  const { model, settings, key, backend } = prepared;
  if (prepared.cached) return finish(request, prepared, prepared.cached, sidecarPath(request.laserDir, key), true);
  const outcome = await runBackend(backend, request, model, settings, prepared.lines);
  const sidecar: Sidecar = {
    version: 1, createdAt: new Date().toISOString(), file: { path: request.file, sha256: key.contentSha256 },
    model: { dir: model.dir, kind: model.kind, identity: model.identity }, settings, backend, ...outcome,
  };
  return finish(request, prepared, sidecar, await writeSidecar(request.laserDir, key, sidecar), false);
}

async function runBackend(backend: ScoringBackend, request: ScoreFileRequest, model: ModelInfo, settings: ScoreSettings,
  lines: readonly SolutionsLine[]): Promise<ScoreOutcome> {
  if (backend !== 'onnx') {
    if (!request.python) throw new ScoringError('the Python backends need a Python interpreter');
    return scoreWithPython(request.file, lines, model.dir, settings, {
      ...request.python, backend,
      ...(request.batchTokens ? { batchTokens: request.batchTokens } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    }).catch((error: unknown) => {
      throw request.signal?.aborted ? new ScoringCancelled() : error;
    });
  }
  const laser = model.laser!;
  const { items, slots } = scoreItems(lines);
  const result = await scoreInWorker({
    modelDir: model.dir, onnxFile: laser.onnxFile, promptTemplate: laser.promptTemplate, useChatTemplate: laser.useChatTemplate,
    eosTokenId: laser.eosTokenId, padTokenId: laser.padTokenId, ...(laser.maxContext ? { maxContext: laser.maxContext } : {}),
    tokenId: settings.tokenId, items, batchTokens: request.batchTokens ?? DEFAULT_BATCH_TOKENS, threads: request.threads ?? DEFAULT_THREADS,
  }, {
    ...(request.workerPath ? { workerPath: request.workerPath } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  });
  return assembleOutcome(lines, slots, result.logprobs, result.truncated, settings);
}
