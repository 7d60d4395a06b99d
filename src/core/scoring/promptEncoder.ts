import { Template, Tokenizer } from './huggingface';
import type { TokenizerFiles } from './modelFolder';
import { ModelFolderError } from './modelFolder';

export interface EncodedSequence {
  readonly ids: readonly number[];
  /** Longer than the context: cut from the left (the prompt's start goes first; the response's end and EOS stay). */
  readonly truncated: boolean;
}

export interface PromptEncoderOptions {
  readonly promptTemplate: string;
  readonly useChatTemplate: boolean;
  readonly eosTokenId: number;
  readonly maxContext?: number;
}

/** A special token in tokenizer_config.json is a string or an AddedToken object ({content: …}). */
function tokenText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { content?: unknown }).content === 'string') return (value as { content: string }).content;
  return undefined;
}

/**
 * Builds exactly what training saw: the chat template rendered with the user message and the generation prompt,
 * tokenized without added special tokens, then the response's tokens, then EOS — the same ids as Python's
 * `apply_chat_template(..., add_generation_prompt=True, tokenize=False)` + `tokenizer(text, add_special_tokens=False)`.
 */
export class PromptEncoder {
  private readonly tokenizer: Tokenizer;
  private readonly template?: Template;
  private readonly specialTokens: Record<string, string | undefined>;
  private readonly promptCache = new Map<string, readonly number[]>();

  constructor(files: TokenizerFiles, private readonly options: PromptEncoderOptions) {
    this.tokenizer = new Tokenizer(files.tokenizerJson, files.tokenizerConfig);
    const chatTemplate = files.tokenizerConfig.chat_template;
    if (options.useChatTemplate) {
      if (typeof chatTemplate !== 'string') throw new ModelFolderError('tokenizer_config.json: no "chat_template" string (the model was trained with a chat template)');
      this.template = new Template(chatTemplate);
    }
    const c = files.tokenizerConfig;
    this.specialTokens = { bos_token: tokenText(c.bos_token), eos_token: tokenText(c.eos_token), pad_token: tokenText(c.pad_token), unk_token: tokenText(c.unk_token) };
  }

  encodeText(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /** The prompt's token ids (cached per problem: a file holds many responses per problem). */
  promptIds(problem: string): readonly number[] {
    let ids = this.promptCache.get(problem);
    if (!ids) {
      const user = this.options.promptTemplate.split('{problem}').join(problem);
      const text = this.template
        ? this.template.render({ ...this.specialTokens, messages: [{ role: 'user', content: user }], add_generation_prompt: true })
        : user;
      ids = this.encodeText(text);
      this.promptCache.set(problem, ids);
    }
    return ids;
  }

  encode(problem: string, response: string): EncodedSequence {
    const ids = [...this.promptIds(problem), ...this.encodeText(response), this.options.eosTokenId];
    const max = this.options.maxContext;
    return max && ids.length > max ? { ids: ids.slice(ids.length - max), truncated: true } : { ids, truncated: false };
  }
}
