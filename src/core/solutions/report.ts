import { groupProblems } from './groupProblems';
import { scoreHistogram, type ScoreHistogram } from './histograms';
import { scalingCurves, type ScalingCurves } from './scaling';
import { scoredVerdicts, verify, type Confusion, type VerificationMetrics } from './selfVerification';
import { thresholdSweep, type SweepPoint } from './thresholdSweep';
import type { SolutionFormat, SolutionProblem } from './types';

/** What `laser-lab report --json` prints, plus what the report view draws (confusion, histograms, sweep). */
export interface SelfRewardReport {
  /** Problems (verl dump lines with the same prompt count once). */
  readonly problems: number;
  readonly responses: number;
  /** Verifier accuracy: responses judged correct / responses judged (0 when none was judged). */
  readonly accuracy: number;
  readonly self_verification: { readonly all: VerificationMetrics; readonly filtered: VerificationMetrics };
  readonly scaling: ScalingCurves;
  readonly confusion: { readonly all: Confusion; readonly filtered: Confusion };
  /** Scores of correct vs wrong responses. */
  readonly histograms: { readonly all: ScoreHistogram; readonly filtered: ScoreHistogram };
  /** Metrics per threshold. */
  readonly sweep: { readonly all: SweepPoint[]; readonly filtered: SweepPoint[] };
}

export interface ReportOptions {
  readonly threshold?: number;
  readonly seed?: number;
  readonly subsets?: number;
  /**
   * The file's format: verl dump lines with the same prompt are grouped into one problem (groupProblems). Without
   * it, lines are grouped when every problem has exactly one response, as in a verl dump.
   */
  readonly format?: SolutionFormat;
}

export const DEFAULT_THRESHOLD = 0.5;

export function buildReport(problems: readonly SolutionProblem[], options: ReportOptions = {}): SelfRewardReport {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const group = options.format ? options.format === 'verl-dump' : problems.length > 0 && problems.every((p) => p.responses.length === 1);
  const grouped = group ? groupProblems(problems) : problems;
  let responses = 0;
  let judged = 0;
  let correct = 0;
  for (const p of grouped) {
    responses += p.responses.length;
    for (const r of p.responses) {
      if (r.correct === null) continue;
      judged++;
      if (r.correct) correct++;
    }
  }
  const verdicts = scoredVerdicts(grouped);
  const all = verify(verdicts.all, threshold);
  const filtered = verify(verdicts.filtered, threshold);
  return {
    problems: grouped.length,
    responses,
    accuracy: judged > 0 ? correct / judged : 0,
    self_verification: { all: all.metrics, filtered: filtered.metrics },
    scaling: scalingCurves(grouped, {
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.subsets !== undefined ? { subsets: options.subsets } : {}),
    }),
    confusion: { all: all.confusion, filtered: filtered.confusion },
    histograms: { all: scoreHistogram(verdicts.all), filtered: scoreHistogram(verdicts.filtered) },
    sweep: { all: thresholdSweep(verdicts.all), filtered: thresholdSweep(verdicts.filtered) },
  };
}

/** Only the fields of the CLI's JSON contract, in its order. */
export function reportJson(report: SelfRewardReport): Pick<SelfRewardReport, 'problems' | 'responses' | 'accuracy' | 'self_verification' | 'scaling'> {
  const { problems, responses, accuracy, self_verification, scaling } = report;
  return { problems, responses, accuracy, self_verification, scaling };
}
