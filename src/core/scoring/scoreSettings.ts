/** The self-reward constants: z_c's token id, β_v and c_ref (DESIGN.md §1). */
export interface ScoreSettings {
  readonly tokenId: number;
  readonly beta: number;
  readonly cRef: number;
}

/** LaSeR's defaults for Qwen models: `<|vision_start|>`, β_v = 0.1, c_ref = -23. */
export const DEFAULT_SCORE_SETTINGS: ScoreSettings = { tokenId: 151652, beta: 0.1, cRef: -23 };

/** s = β_v · (log π(z_c | x, y, <eos>) − c_ref). */
export function selfRewardScore(logprob: number, settings: Pick<ScoreSettings, 'beta' | 'cRef'>): number {
  return settings.beta * (logprob - settings.cRef);
}

/** Explicit values win over the model folder's, which win over the defaults. */
export function resolveScoreSettings(given: Partial<ScoreSettings>, fromModel: Partial<ScoreSettings>): ScoreSettings {
  return {
    tokenId: given.tokenId ?? fromModel.tokenId ?? DEFAULT_SCORE_SETTINGS.tokenId,
    beta: given.beta ?? fromModel.beta ?? DEFAULT_SCORE_SETTINGS.beta,
    cRef: given.cRef ?? fromModel.cRef ?? DEFAULT_SCORE_SETTINGS.cRef,
  };
}
