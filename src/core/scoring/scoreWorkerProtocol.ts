/** Messages between the extension host (or CLI) and the ONNX scorer's worker thread (dist/scoreWorker.js). */

export interface ScoreItem {
  readonly problem: string;
  readonly response: string;
}

export interface OnnxScoreJob {
  readonly modelDir: string;
  readonly onnxFile: string;
  readonly promptTemplate: string;
  readonly useChatTemplate: boolean;
  readonly eosTokenId: number;
  readonly padTokenId: number;
  readonly maxContext?: number;
  readonly tokenId: number;
  readonly items: readonly ScoreItem[];
  /** Padded tokens (rows × longest row) per forward pass. */
  readonly batchTokens: number;
  /** onnxruntime intra-op threads. */
  readonly threads: number;
  /** Send every sequence's token ids back (tests compare them with Python's). */
  readonly returnIds?: boolean;
}

export interface OnnxScoreResult {
  /** log π(z_c | sequence), one per item, in item order. */
  readonly logprobs: readonly number[];
  readonly truncated: readonly boolean[];
  /** Tokens per scored sequence (after truncation). */
  readonly lengths: readonly number[];
  readonly ids?: readonly (readonly number[])[];
}

export type ToScoreWorker = { readonly type: 'score'; readonly job: OnnxScoreJob } | { readonly type: 'cancel' };

export type FromScoreWorker =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly result: OnnxScoreResult }
  | { readonly type: 'error'; readonly message: string; readonly cancelled?: boolean };
