import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyScores } from '../../../../src/core/solutions/applyScores';
import { scoreHistogram } from '../../../../src/core/solutions/histograms';
import { parseSolutionsText } from '../../../../src/core/solutions/parseSolutions';
import { buildReport, reportJson } from '../../../../src/core/solutions/report';
import { thresholdSweep } from '../../../../src/core/solutions/thresholdSweep';
import { assertClose, fixtureText } from './solutionFixtures';

const parse = (name: string) => parseSolutionsText(fixtureText(name));

test('report of the tiny file: totals, accuracy, and the JSON contract keys in order', () => {
  const report = buildReport(parse('tiny-laser.jsonl').problems, { threshold: 0.5, seed: 0 });
  assert.equal(report.problems, 3);
  assert.equal(report.responses, 7);
  assertClose(report.accuracy, 3 / 7);
  const json = reportJson(report);
  assert.deepEqual(Object.keys(json), ['problems', 'responses', 'accuracy', 'self_verification', 'scaling']);
  assert.deepEqual(Object.keys(json.self_verification.all), ['acc_correct', 'acc_incorrect', 'accuracy', 'f1_laser', 'precision', 'recall', 'f1', 'auc']);
  assert.deepEqual(Object.keys(json.scaling), ['k', 'majority', 'sr_weighted', 'best_of_n', 'pass_at_k']);
  assert.deepEqual(report.confusion.all, { tp: 2, fn: 1, fp: 2, tn: 2 });
  assert.equal(report.histograms.all.correct.reduce((a, b) => a + b, 0), 3);
  assert.equal(report.histograms.all.incorrect.reduce((a, b) => a + b, 0), 4);
  assert.equal(report.sweep.all.length, 21);
});

test('a verl dump groups its lines by prompt: the same report as the LaSeR file it was written from', () => {
  const verl = parse('verl-dump.jsonl');
  const laser = parse('laser-eval.jsonl');
  assert.deepEqual(buildReport(verl.problems, { format: 'verl-dump' }), buildReport(laser.problems, { format: 'laser-eval' }));
  // Without a format, one response per problem means a dump.
  assert.equal(buildReport(verl.problems).problems, 20);
});

test('Qwen2.5-Math output with sidecar scores reports like the LaSeR file', () => {
  const qwen = parse('qwen-math-eval.jsonl').problems;
  const laser = parse('laser-eval.jsonl').problems;
  const scores = new Map(laser.map((p) => [p.line, p.responses.map((r) => r.score)]));
  assert.deepEqual(buildReport(applyScores(qwen, scores)), buildReport(laser));
  const unscored = buildReport(qwen);
  assert.equal(unscored.self_verification.all.auc, null);
  assert.ok(unscored.scaling.sr_weighted.every((x) => x === null));
});

test('histogram bins cover [0, 1] widened to the scores; the sweep recomputes metrics per threshold', () => {
  const h = scoreHistogram(
    [
      { score: -1, correct: false },
      { score: 1, correct: true },
      { score: 0.5, correct: true },
    ],
    4,
  );
  assert.deepEqual(h, { edges: [-1, -0.5, 0, 0.5, 1], correct: [0, 0, 0, 2], incorrect: [1, 0, 0, 0] });
  const sweep = thresholdSweep(
    [
      { score: 0.2, correct: false },
      { score: 0.8, correct: true },
    ],
    [0, 0.5, 1],
  );
  assert.deepEqual(
    sweep.map((s) => [s.threshold, s.acc_correct, s.acc_incorrect]),
    [
      [0, 1, 0],
      [0.5, 1, 1],
      [1, 0, 1],
    ],
  );
});
