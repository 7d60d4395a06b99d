// Both packages ship a CommonJS build (what esbuild bundles), but their type declarations sit in "type": "module"
// packages, which TypeScript refuses to `import` from a CommonJS module; the types are taken in import mode instead.
import type * as Jinja from '@huggingface/jinja' with { 'resolution-mode': 'import' };
import type * as Tokenizers from '@huggingface/tokenizers' with { 'resolution-mode': 'import' };

/* eslint-disable @typescript-eslint/no-require-imports */
export const { Template } = require('@huggingface/jinja') as typeof Jinja;
export const { Tokenizer } = require('@huggingface/tokenizers') as typeof Tokenizers;
/* eslint-enable @typescript-eslint/no-require-imports */
export type Template = Jinja.Template;
export type Tokenizer = Tokenizers.Tokenizer;
