import { readFile } from 'node:fs/promises';
import { indexLines, parseSolutionsBuffer } from '../solutions/lineIndex';
import { buildReport, DEFAULT_THRESHOLD, reportJson, type SelfRewardReport } from '../solutions/report';
import type { VerificationMetrics } from '../solutions/selfVerification';

export interface ReportIo {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = 'Usage: laser-lab report <file> [--threshold 0.5] [--seed 0] [--json]\n';
const MAX_ISSUES = 20;

interface ReportArgs {
  readonly file: string;
  readonly threshold: number;
  readonly seed: number;
  readonly json: boolean;
}

function parseArgs(args: readonly string[]): ReportArgs | string {
  const files: string[] = [];
  let threshold = DEFAULT_THRESHOLD;
  let seed = 0;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (flag === '--json') json = true;
    else if (flag === '--threshold' || flag === '--seed') {
      const value = inline ?? args[++i];
      const number = value === undefined || value.trim() === '' ? NaN : Number(value);
      if (!Number.isFinite(number)) return `${flag} expects a number, found ${value === undefined ? 'nothing' : `"${value}"`}`;
      if (flag === '--seed' && !Number.isInteger(number)) return `--seed expects an integer, found "${value}"`;
      if (flag === '--threshold') threshold = number;
      else seed = number;
    } else if (word.startsWith('-') && word !== '-') return `unknown option ${word}`;
    else files.push(word);
  }
  if (files.length !== 1) return files.length === 0 ? 'expected a solution file' : `expected one solution file, found ${files.length}`;
  return { file: files[0]!, threshold, seed, json };
}

const fixed = (x: number | null) => (x === null ? '—' : x.toFixed(4));

function verificationRows(report: SelfRewardReport): string {
  const keys: (keyof VerificationMetrics)[] = ['acc_correct', 'acc_incorrect', 'accuracy', 'f1_laser', 'precision', 'recall', 'f1', 'auc'];
  const { all, filtered } = report.self_verification;
  const rows = keys.map((k) => `  ${k.padEnd(14)}${fixed(all[k]).padStart(10)}${fixed(filtered[k]).padStart(10)}`);
  const c = report.confusion;
  const cells = (m: typeof c.all) => `${m.tp}/${m.fn}/${m.fp}/${m.tn}`;
  const width = Math.max(10, cells(c.all).length + 2, cells(c.filtered).length + 2);
  rows.push(`  ${'TP/FN/FP/TN'.padEnd(14)}${cells(c.all).padStart(width)}${cells(c.filtered).padStart(width)}`);
  return `self-verification${'all'.padStart(13)}${'filtered'.padStart(10)}\n${rows.join('\n')}\n`;
}

function scalingRows(report: SelfRewardReport): string {
  const s = report.scaling;
  const head = `  ${'k'.padStart(4)}${'majority'.padStart(11)}${'SR-vote'.padStart(11)}${'best-of-N'.padStart(11)}${'pass@k'.padStart(11)}`;
  const rows = s.k.map((k, i) => `  ${String(k).padStart(4)}${fixed(s.majority[i]!).padStart(11)}${fixed(s.sr_weighted[i]!).padStart(11)}${fixed(s.best_of_n[i]!).padStart(11)}${fixed(s.pass_at_k[i]!).padStart(11)}`);
  return `test-time scaling (accuracy over problems)\n${head}\n${rows.join('\n')}\n`;
}

/** The readable form of a report: totals, the self-verification table (all vs filtered) and the scaling table. */
export function formatReport(report: SelfRewardReport, file: string, format: string, threshold: number): string {
  return (
    `${file} (${format}): ${report.problems} problems, ${report.responses} responses, verifier accuracy ${fixed(report.accuracy)}; threshold ${threshold}\n\n` +
    `${verificationRows(report)}\n${scalingRows(report)}`
  );
}

/**
 * `laser-lab report <file> [--threshold 0.5] [--seed 0] [--json]`: the self-reward report of a solution file. With
 * --json, one JSON object: problems, responses, accuracy, self_verification {all, filtered}, scaling. Exit 0 on
 * success; 1 when the file cannot be read, is not a solution file, or has lines that cannot be read (each printed as
 * file:line: message); 2 for wrong arguments.
 */
export async function reportCommand(args: readonly string[], io: ReportIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.err(`laser-lab report: ${parsed}.\n${USAGE}`);
    return 2;
  }
  const { file, threshold, seed, json } = parsed;
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (error) {
    io.err(`laser-lab report: cannot read "${file}": ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const { format, problems, issues } = parseSolutionsBuffer(buf, indexLines(buf));
  if (!format) {
    io.err(
      `${file}: not a solution file: no line is a LaSeR eval record (problem, responses[], pred_answers[], acc_list[]), ` +
        'a verl generation dump record (input, output, score) or a Qwen2.5-Math eval record (question, gt, code[], pred[], score[])\n',
    );
    return 1;
  }
  if (issues.length > 0) {
    for (const issue of issues.slice(0, MAX_ISSUES)) io.err(`${file}:${issue.line + 1}: ${issue.message}\n`);
    if (issues.length > MAX_ISSUES) io.err(`${file}: … and ${issues.length - MAX_ISSUES} more lines that cannot be read\n`);
    return 1;
  }
  const report = buildReport(problems, { threshold, seed, format });
  io.out(json ? `${JSON.stringify(reportJson(report))}\n` : formatReport(report, file, format, threshold));
  return 0;
}
