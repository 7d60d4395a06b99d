import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SolutionProblem, SolutionResponse } from '../../../../src/core/solutions/types';

export const SOLUTION_FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'solutions');

export function fixturePath(name: string): string {
  return join(SOLUTION_FIXTURES, name);
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** A response from (pred, correct, score); text and length follow the answer. */
export function r(index: number, pred: string | null, correct: boolean | null, score: number | null): SolutionResponse {
  const text = pred === null ? 'no answer' : `\\boxed{${pred}}`;
  return { index, text, pred, correct, score, length: text.length };
}

/** A problem from [pred, correct, score] triples. */
export function problem(line: number, responses: readonly (readonly [string | null, boolean | null, number | null])[], answer: string | null = null): SolutionProblem {
  return { line, problem: `problem ${line}`, answer, responses: responses.map(([pred, correct, score], i) => r(i, pred, correct, score)) };
}

export function assertClose(actual: number | null | undefined, expected: number, message?: string): void {
  if (actual === null || actual === undefined || Math.abs(actual - expected) > 1e-12) {
    throw new Error(`${message ? `${message}: ` : ''}expected ${expected}, got ${actual}`);
  }
}
