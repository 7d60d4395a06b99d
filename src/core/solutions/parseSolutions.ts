import type { ParseIssue, SolutionFormat, SolutionProblem, SolutionResponse } from './types';

/**
 * Solution files are JSONL. Three layouts are recognised, by the keys of their records:
 *
 * - `laser-eval` (LaSeR `eval_math.py` + `calculate_self_rewarding_scores.py`): one problem per line — `problem`,
 *   `answer`, `responses[]`, `pred_answers[]` (null: no \boxed answer), `acc_list[]` (or `verify_accs_results[]`,
 *   preferred like LaSeR does), optional `self_rewarding_scores[]`.
 * - `qwen-math-eval` (Qwen2.5-Math evaluation output): one problem per line — `question`, `gt`, `code[]` (the
 *   responses), `pred[]` (an empty prediction counts as no answer), `score[]` (the verifier's booleans), optional
 *   `self_rewarding_scores[]`.
 * - `verl-dump` (verl validation / rollout generation dumps): ONE RESPONSE per line — `input`, `output`, `score`
 *   (the verifier reward), optional `acc` (wins over `score` for correctness; otherwise correct ⇔ score > 0), `pred` (empty or "[INVALID]": no answer),
 *   `gts`, and a self-reward in `self_rewarding_score` / `self_reward_score` when present. Each line stays its own
 *   problem here so that line i of the file is problem i (what per-line decorations need); the report groups lines
 *   with the same `input` (groupProblems.ts).
 *
 * Any other JSONL has no format and gives no issues (it is given up on after DETECT_WITHIN lines). In a recognised file a line that cannot be read gives an issue
 * naming the line and what was expected, and parsing goes on with the next line. Blank lines are skipped. Python's
 * json writes NaN and ±Infinity as bare words; such values are read as null (unscored).
 */

export type ParsedLine =
  | { readonly kind: 'problem'; readonly format: SolutionFormat; readonly problem: SolutionProblem }
  | { readonly kind: 'issue'; readonly issue: ParseIssue }
  | { readonly kind: 'skip' };

export interface ParsedSolutions {
  readonly format: SolutionFormat | undefined;
  readonly problems: SolutionProblem[];
  readonly issues: ParseIssue[];
}

export const FORMAT_NAMES: Readonly<Record<SolutionFormat, string>> = {
  'laser-eval': 'LaSeR eval record (problem, responses[], pred_answers[], acc_list[])',
  'verl-dump': 'verl generation dump record (input, output, score)',
  'qwen-math-eval': 'Qwen2.5-Math eval record (question, gt, code[], pred[], score[])',
};

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The layout of one parsed JSONL record, or undefined when it is none of the three. */
export function detectSolutionFormat(record: unknown): SolutionFormat | undefined {
  if (!isRecord(record)) return undefined;
  if (Array.isArray(record.responses) && ('problem' in record || 'pred_answers' in record || 'acc_list' in record)) return 'laser-eval';
  if (Array.isArray(record.code) && ('question' in record || 'gt' in record) && ('pred' in record || 'score' in record)) return 'qwen-math-eval';
  if (typeof record.input === 'string' && typeof record.output === 'string' && 'score' in record) return 'verl-dump';
  return undefined;
}

class LineError extends Error {}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function fail(message: string): never {
  throw new LineError(message);
}

function text(record: Json, keys: readonly string[]): string {
  for (const key of keys) if (typeof record[key] === 'string') return record[key];
  const key = keys[0]!;
  return fail(`expected "${key}" to be a string, found ${describe(record[key])}`);
}

/** A reference answer: strings and numbers as written, a list joined with ", ", anything else none. */
function answerOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String).join(', ');
  return null;
}

function array(record: Json, key: string, length: number | undefined, required: boolean): unknown[] | undefined {
  const value = record[key];
  if (value === undefined || (value === null && !required)) {
    if (required) fail(`expected "${key}" to be an array`);
    return undefined;
  }
  if (!Array.isArray(value)) return fail(`expected "${key}" to be an array, found ${describe(value)}`);
  if (length !== undefined && value.length !== length) fail(`expected "${key}" to have ${length} entries (one per response), found ${value.length}`);
  return value;
}

/** verl's DAPO-style math reward writes this prediction when it finds no answer. */
const NO_ANSWER = '[INVALID]';

function predOf(value: unknown, where: string, emptyIsNone: boolean): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return emptyIsNone && (value.trim() === '' || value === NO_ANSWER) ? null : value;
  if (typeof value === 'number') return String(value);
  // Multiple-choice evaluations may predict several options.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.length === 0 ? null : value.map(String).join(', ');
  return fail(`expected "${where}" to be a string or null, found ${describe(value)}`);
}

function correctOf(value: unknown, where: string): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value !== 0;
  return fail(`expected "${where}" to be true, false, 0, 1 or null, found ${describe(value)}`);
}

function scoreOf(value: unknown, where: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return fail(`expected "${where}" to be a number or null, found ${describe(value)}`);
}

function response(index: number, body: string, pred: string | null, correct: boolean | null, score: number | null): SolutionResponse {
  return { index, text: body, pred, correct, score, length: body.length };
}

function responsesOf(
  record: Json,
  textKey: string,
  predKey: string,
  accKey: string,
  emptyIsNone: boolean,
): SolutionResponse[] {
  const texts = array(record, textKey, undefined, true)!;
  const n = texts.length;
  const preds = array(record, predKey, n, false);
  const accs = array(record, accKey, n, false);
  const scores = array(record, 'self_rewarding_scores', n, false);
  return texts.map((body, i) => {
    if (typeof body !== 'string') fail(`expected "${textKey}[${i}]" to be a string, found ${describe(body)}`);
    return response(
      i,
      body,
      preds ? predOf(preds[i], `${predKey}[${i}]`, emptyIsNone) : null,
      accs ? correctOf(accs[i], `${accKey}[${i}]`) : null,
      scores ? scoreOf(scores[i], `self_rewarding_scores[${i}]`) : null,
    );
  });
}

function readRecord(record: Json, format: SolutionFormat, line: number): SolutionProblem {
  switch (format) {
    case 'laser-eval':
      return {
        line,
        problem: text(record, ['problem', 'question', 'prompt']),
        answer: answerOf(record.answer),
        responses: responsesOf(record, 'responses', 'pred_answers', 'verify_accs_results' in record ? 'verify_accs_results' : 'acc_list', false),
      };
    case 'qwen-math-eval':
      return {
        line,
        problem: text(record, ['question', 'problem']),
        answer: answerOf(record.gt ?? record.answer),
        responses: responsesOf(record, 'code', 'pred', 'score', true),
      };
    case 'verl-dump': {
      const output = text(record, ['output']);
      const reward = record.score;
      if (typeof reward !== 'number' && typeof reward !== 'boolean') fail(`expected "score" to be a number, found ${describe(reward)}`);
      const correct = record.acc !== undefined && record.acc !== null ? correctOf(record.acc, 'acc') : Number(reward) > 0;
      const selfReward = record.self_rewarding_score !== undefined ? record.self_rewarding_score : record.self_reward_score;
      return {
        line,
        problem: text(record, ['input']),
        answer: answerOf(record.gts),
        responses: [response(0, output, predOf(record.pred, 'pred', true), correct, scoreOf(selfReward, 'self_rewarding_score'))],
      };
    }
  }
}

const NON_FINITE = /([:[,]\s*)(?:NaN|-?Infinity)(?=\s*[,\]}])/g;

function parseJson(line: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch (error) {
    if (NON_FINITE.test(line)) {
      NON_FINITE.lastIndex = 0;
      try {
        return { ok: true, value: JSON.parse(line.replace(NON_FINITE, '$1null')) };
      } catch {
        // fall through to the original error
      }
    }
    NON_FINITE.lastIndex = 0;
    return { ok: false, message: `not valid JSON (${(error as Error).message})` };
  }
}

function expected(format: SolutionFormat): string {
  return `expected a ${FORMAT_NAMES[format]}`;
}

/**
 * One line of a solution file. Without `format` the line's own keys decide (a line of no known layout is skipped);
 * with it, anything else is an issue.
 */
export function parseSolutionLine(lineText: string, line: number, format?: SolutionFormat): ParsedLine {
  if (lineText.trim() === '') return { kind: 'skip' };
  const parsed = parseJson(lineText);
  if (!parsed.ok) return format ? { kind: 'issue', issue: { line, message: `${parsed.message}; ${expected(format)}` } } : { kind: 'skip' };
  const own = detectSolutionFormat(parsed.value);
  if (!own) return format ? { kind: 'issue', issue: { line, message: `${expected(format)}, found a record without those keys` } } : { kind: 'skip' };
  if (format && own !== format) return { kind: 'issue', issue: { line, message: `${expected(format)} like the rest of the file, found a ${FORMAT_NAMES[own]}` } };
  try {
    return { kind: 'problem', format: own, problem: readRecord(parsed.value as Json, own, line) };
  } catch (error) {
    if (error instanceof LineError) return { kind: 'issue', issue: { line, message: error.message } };
    throw error;
  }
}

/** A file whose first this-many non-blank lines hold no solution record is not a solution file; reading stops there. */
export const DETECT_WITHIN = 1000;

/**
 * Parses `count` lines read through `lineAt` (0-based); the first recognised record fixes the file's format. When
 * none of the first DETECT_WITHIN non-blank lines is recognised, the file has no format and the rest is not read.
 */
export function parseSolutionLines(count: number, lineAt: (i: number) => string): ParsedSolutions {
  const parser = new SolutionLinesParser();
  for (let i = 0; i < count && parser.push(lineAt(i), i); i++);
  return parser.result();
}

/** The line-by-line state of parseSolutionLines, for callers that read a big file in slices. */
export class SolutionLinesParser {
  private format: SolutionFormat | undefined;
  private readonly problems: SolutionProblem[] = [];
  private readonly issues: ParseIssue[] = [];
  // Lines before the first recognised record: reported only once the file turns out to be a solution file.
  private readonly early: { line: number; json: boolean; message: string }[] = [];

  /** Reads line `i` (lines come in order); false once the file is known not to be a solution file. */
  push(lineText: string, i: number): boolean {
    if (this.format === undefined) {
      if (lineText.trim() === '') return true;
      const parsed = parseJson(lineText);
      const own = parsed.ok ? detectSolutionFormat(parsed.value) : undefined;
      if (!own) {
        this.early.push({ line: i, json: parsed.ok, message: parsed.ok ? '' : parsed.message });
        return this.early.length < DETECT_WITHIN;
      }
      this.format = own;
      for (const e of this.early) {
        this.issues.push({ line: e.line, message: e.json ? `${expected(own)}, found a record without those keys` : `${e.message}; ${expected(own)}` });
      }
    }
    const result = parseSolutionLine(lineText, i, this.format);
    if (result.kind === 'problem') this.problems.push(result.problem);
    else if (result.kind === 'issue') this.issues.push(result.issue);
    return true;
  }

  result(): ParsedSolutions {
    return { format: this.format, problems: this.problems, issues: this.issues };
  }
}

/** Splits on "\n" (a trailing "\r" is dropped) and parses every line. */
export function parseSolutionsText(fileText: string): ParsedSolutions {
  const lines = fileText.split('\n');
  return parseSolutionLines(lines.length, (i) => {
    const line = lines[i]!;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  });
}
