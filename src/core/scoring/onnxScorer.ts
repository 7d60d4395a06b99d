import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { readTokenizerFiles } from './modelFolder';
import { PromptEncoder } from './promptEncoder';
import type { OnnxScoreJob, OnnxScoreResult } from './scoreWorkerProtocol';
import { leftPad, tokenBudgetBatches } from './tokenBatches';

export class ScoringCancelled extends Error {
  constructor() {
    super('Scoring was cancelled.');
  }
}

export interface OnnxScoreHooks {
  readonly onProgress?: (done: number, total: number) => void;
  readonly isCancelled?: () => boolean;
}

/**
 * Tokenizes every (problem, response), runs the exported model in token-budget batches (longest first, left
 * padding) and reads log π(z_c) from `last_logprobs`. Runs wherever it is called: the worker thread in the editor,
 * the main thread in the benchmark.
 */
export async function scoreWithOnnx(job: OnnxScoreJob, hooks: OnnxScoreHooks = {}): Promise<OnnxScoreResult> {
  const encoder = new PromptEncoder(await readTokenizerFiles(job.modelDir), {
    promptTemplate: job.promptTemplate, useChatTemplate: job.useChatTemplate, eosTokenId: job.eosTokenId,
    ...(job.maxContext ? { maxContext: job.maxContext } : {}),
  });
  const sequences = job.items.map((item) => encoder.encode(item.problem, item.response));
  if (hooks.isCancelled?.()) throw new ScoringCancelled();
  const total = sequences.length;
  hooks.onProgress?.(0, total);
  const logprobs = new Array<number>(total).fill(Number.NaN);
  if (total > 0) {
    const session = await ort.InferenceSession.create(join(job.modelDir, job.onnxFile), {
      intraOpNumThreads: job.threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
    });
    try {
      let done = 0;
      for (const batch of tokenBudgetBatches(sequences.map((s) => s.ids.length), job.batchTokens)) {
        if (hooks.isCancelled?.()) throw new ScoringCancelled();
        const padded = leftPad(batch.map((i) => sequences[i]!.ids), job.padTokenId);
        const dims = [padded.rows, padded.width];
        const output = await session.run({
          input_ids: new ort.Tensor('int64', padded.inputIds, dims),
          attention_mask: new ort.Tensor('int64', padded.attentionMask, dims),
        });
        const last = output.last_logprobs;
        if (!last) throw new Error(`${job.onnxFile}: no "last_logprobs" output (export the model with "python -m laser_lab.export_onnx")`);
        const vocab = last.dims[1]!;
        if (job.tokenId >= vocab) throw new Error(`self-reward token id ${job.tokenId} is outside the model's vocabulary (${vocab} tokens)`);
        const data = last.data as Float32Array;
        batch.forEach((i, row) => {
          logprobs[i] = data[row * vocab + job.tokenId]!;
        });
        done += batch.length;
        hooks.onProgress?.(done, total);
      }
    } finally {
      await session.release();
    }
  }
  return {
    logprobs,
    truncated: sequences.map((s) => s.truncated),
    lengths: sequences.map((s) => s.ids.length),
    ...(job.returnIds ? { ids: sequences.map((s) => s.ids) } : {}),
  };
}
