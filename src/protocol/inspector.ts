/**
 * Messages between the extension and the LaSeR Inspector (a custom editor over a solution file). The webview says
 * `ready`; the extension answers with a `snapshot` of one summary row per problem; the webview asks for a problem's
 * responses with `select` and gets them in a `problem` message. Both sides validate what they receive.
 */

import type { Agreement } from '../core/solutions/summary';
import type { SolutionResponse } from '../core/solutions/types';

export type { Agreement };

/** One problem in the list: what the filters and the row need, not its responses. */
export interface ProblemRow {
  /** 0-based line of the record in the file. */
  readonly line: number;
  /** The problem statement, shortened for the list. */
  readonly problem: string;
  readonly n: number;
  readonly predictedCorrect: number;
  /** Responses the verifier marked correct; null when the file has no verdicts. */
  readonly verifierCorrect: number | null;
  readonly agreement: Agreement;
  /** Whether majority voting / self-reward-weighted voting picked a correct answer; null when unknown. */
  readonly majorityCorrect: boolean | null;
  readonly srVoteCorrect: boolean | null;
  /** The decoration text shown in the editor for this line. */
  readonly label: string;
}

/** A response as the inspector shows it: the parsed response itself. */
export type ResponseView = SolutionResponse;

export interface ProblemDetail {
  readonly line: number;
  readonly problem: string;
  readonly answer: string | null;
  readonly responses: readonly ResponseView[];
}

/** Extension → webview: the whole list, replacing what the view had. */
export interface InspectorSnapshot {
  readonly type: 'snapshot';
  readonly seq: number;
  readonly fileName: string;
  readonly format: string | null;
  readonly threshold: number;
  readonly rows: readonly ProblemRow[];
  /** Lines that could not be read, e.g. "line 12: expected JSON". */
  readonly issues: readonly string[];
  /** Shown above the list, e.g. why the file opened here instead of the text editor. */
  readonly notice?: string;
  /** The problem to select first (a CodeLens or hover link asked for it). */
  readonly focusLine?: number;
}

/** Extension → webview: the responses of one problem. */
export interface InspectorProblem {
  readonly type: 'problem';
  readonly seq: number;
  readonly detail: ProblemDetail;
}

/** Extension → webview: select this problem (the inspector was already open). */
export interface InspectorFocus {
  readonly type: 'focus';
  readonly seq: number;
  readonly line: number;
}

export type ExtensionToInspector = InspectorSnapshot | InspectorProblem | InspectorFocus;

export type InspectorFilter = 'all' | 'disagreements' | 'unsolved' | 'srOnly';

/**
 * Webview → extension. `rendered` acknowledges a problem on screen: how many formulas KaTeX drew and the text shown
 * (so tests can check what the user sees).
 */
export type InspectorToExtension =
  | { readonly type: 'ready' }
  | { readonly type: 'requestSnapshot' }
  | { readonly type: 'select'; readonly line: number }
  | { readonly type: 'reveal'; readonly line: number }
  | { readonly type: 'rendered'; readonly line: number; readonly formulas: number; readonly text: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isNullableBoolean = (v: unknown): v is boolean | null => v === null || typeof v === 'boolean';
const isNullableNumber = (v: unknown): v is number | null => v === null || typeof v === 'number';
const AGREEMENTS: readonly string[] = ['agree', 'disagree', 'partial', 'unscored'];

export function parseInspectorMessage(raw: unknown): InspectorToExtension | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
    case 'requestSnapshot':
      return { type: raw.type };
    case 'select':
    case 'reveal':
      return isCount(raw.line) ? { type: raw.type, line: raw.line } : undefined;
    case 'rendered':
      return isCount(raw.line) && isCount(raw.formulas) && typeof raw.text === 'string'
        ? { type: 'rendered', line: raw.line, formulas: raw.formulas, text: raw.text }
        : undefined;
    default:
      return undefined;
  }
}

function isProblemRow(v: unknown): v is ProblemRow {
  return (
    isRecord(v) && isCount(v.line) && typeof v.problem === 'string' && isCount(v.n) && isCount(v.predictedCorrect) &&
    (v.verifierCorrect === null || isCount(v.verifierCorrect)) && typeof v.agreement === 'string' &&
    AGREEMENTS.includes(v.agreement) && isNullableBoolean(v.majorityCorrect) && isNullableBoolean(v.srVoteCorrect) &&
    typeof v.label === 'string'
  );
}

function isResponseView(v: unknown): v is ResponseView {
  return (
    isRecord(v) && isCount(v.index) && typeof v.text === 'string' && isNullableString(v.pred) &&
    isNullableBoolean(v.correct) && isNullableNumber(v.score) && isCount(v.length)
  );
}

function isProblemDetail(v: unknown): v is ProblemDetail {
  return (
    isRecord(v) && isCount(v.line) && typeof v.problem === 'string' && isNullableString(v.answer) &&
    Array.isArray(v.responses) && v.responses.every(isResponseView)
  );
}

export function parseInspectorExtensionMessage(raw: unknown): ExtensionToInspector | undefined {
  if (!isRecord(raw) || !isCount(raw.seq)) return undefined;
  switch (raw.type) {
    case 'snapshot':
      if (typeof raw.fileName !== 'string' || !isNullableString(raw.format) || typeof raw.threshold !== 'number') return undefined;
      if (!Array.isArray(raw.rows) || !raw.rows.every(isProblemRow)) return undefined;
      if (!Array.isArray(raw.issues) || !raw.issues.every((i) => typeof i === 'string')) return undefined;
      if (raw.notice !== undefined && typeof raw.notice !== 'string') return undefined;
      if (raw.focusLine !== undefined && !isCount(raw.focusLine)) return undefined;
      return raw as unknown as InspectorSnapshot;
    case 'problem':
      return isProblemDetail(raw.detail) ? (raw as unknown as InspectorProblem) : undefined;
    case 'focus':
      return isCount(raw.line) ? (raw as unknown as InspectorFocus) : undefined;
    default:
      return undefined;
  }
}

/** Whether a row passes a filter. "srOnly": self-reward-weighted voting is right where majority voting is not. */
export function matchesFilter(row: ProblemRow, filter: InspectorFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'disagreements':
      return row.agreement === 'disagree' || row.agreement === 'partial';
    case 'unsolved':
      return row.verifierCorrect === 0;
    case 'srOnly':
      return row.srVoteCorrect === true && row.majorityCorrect !== true;
  }
}
