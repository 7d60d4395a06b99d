// Self-reward scoring throughput on CPU, same model, 2 threads each, in one run: the TypeScript ONNX scorer
// (onnxruntime-node) against the PyTorch transformers worker (python -m laser_lab.score --backend transformers).
// Tokens/s count every scored sequence's tokens (prompt + response + EOS) over the time from "sequences ready"
// (first progress event) to the last log-prob, so model loading and Python start-up are left out on both sides.
// Builds a small random Qwen2 (4 layers, 256 wide, real Qwen tokenizer) with the venv's Python, exports it, prints
// the ratio and writes out/bench/scoring.json. Run: npm run bench
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runPythonModule } from '../src/core/python/runPythonModule';
import { readModelInfo } from '../src/core/scoring/modelFolder';
import { scoreWithOnnx } from '../src/core/scoring/onnxScorer';
import { repoRoot, testPython } from '../test/unit/core/scoring/tinyModel';

const THREADS = 2;
const BATCH_TOKENS = 8192;
const PROBLEMS = 16;
const RESPONSES = 8;
const root = repoRoot();
const python = testPython();
const work = mkdtempSync(join(tmpdir(), 'laser-bench-scoring-'));
const checkpoint = join(work, 'checkpoint');
const onnxDir = join(work, 'onnx');
const env = { ...process.env, PYTHONPATH: join(root, 'python'), OMP_NUM_THREADS: String(THREADS), MKL_NUM_THREADS: String(THREADS) };

const build = `
import json, sys
from pathlib import Path
from laser_lab.testing.make_tiny_checkpoint import QWEN_TOKENIZER
from laser_lab.selfreward.model_folder import write_tokenizer_files
from laser_lab.train.tiny_model import TinySpec, build_tiny_qwen2
from laser_lab.train.tokenization import tokenizer_from_files
out = Path(sys.argv[1])
tok = tokenizer_from_files(str(QWEN_TOKENIZER))
model = build_tiny_qwen2(tok, TinySpec(hidden_size=256, intermediate_size=768, num_hidden_layers=4, num_attention_heads=4,
                                       num_key_value_heads=2, max_position_embeddings=2048), 0)
model.save_pretrained(str(out), safe_serialization=True)
write_tokenizer_files(tok, out)
(out / "laser_config.json").write_text(json.dumps({"self_reward_token_id": 151652, "self_reward_kl_coef": 0.1,
    "ref_model_log_ratio_constant": -23.0, "task": "arithmetic", "use_chat_template": True}))
`;
console.log('scoring bench: building a 4-layer, 256-wide Qwen2 and its ONNX export…');
execFileSync(python, ['-c', build, checkpoint], { env, stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(python, ['-m', 'laser_lab.export_onnx', checkpoint, onnxDir], { env, stdio: ['ignore', 'ignore', 'inherit'] });

// Responses of 60–400 words, so batches mix lengths as real eval files do.
const lines: string[] = [];
for (let p = 0; p < PROBLEMS; p++) {
  const responses = Array.from({ length: RESPONSES }, (_, r) => {
    const words = 60 + ((p * RESPONSES + r) * 37) % 340;
    return `${Array.from({ length: words }, (_, w) => `t${(w * 7 + r) % 97}`).join(' ')} so the answer is \\boxed{${p + r}}.`;
  });
  lines.push(JSON.stringify({ problem: `Problem ${p}: what is ${p} times ${p + 3}?`, responses }));
}
const input = join(work, 'eval.jsonl');
writeFileSync(input, `${lines.join('\n')}\n`);
const items = lines.flatMap((l) => {
  const { problem, responses } = JSON.parse(l) as { problem: string; responses: string[] };
  return responses.map((response) => ({ problem, response }));
});

async function onnxRun(): Promise<{ seconds: number; tokens: number; logprobs: readonly number[] }> {
  const laser = (await readModelInfo(onnxDir)).laser!;
  let start = 0;
  const result = await scoreWithOnnx({
    modelDir: onnxDir, onnxFile: laser.onnxFile, promptTemplate: laser.promptTemplate, useChatTemplate: laser.useChatTemplate,
    eosTokenId: laser.eosTokenId, padTokenId: laser.padTokenId, tokenId: 151652, items, batchTokens: BATCH_TOKENS, threads: THREADS,
  }, { onProgress: (done) => { if (done === 0) start = performance.now(); } });
  return { seconds: (performance.now() - start) / 1000, tokens: result.lengths.reduce((a, b) => a + b, 0), logprobs: result.logprobs };
}

async function torchRun(): Promise<{ seconds: number; logprobs: number[] }> {
  const out = join(work, 'scored.jsonl');
  let start = 0;
  let end = 0;
  await runPythonModule({
    python, module: 'laser_lab.score', packageRoot: join(root, 'python'), timeoutMs: 3_600_000,
    args: ['--model', checkpoint, '--input', input, '--out', out, '--backend', 'transformers', '--device', 'cpu', '--batch-tokens', String(BATCH_TOKENS), '--c-ref', '-23'],
  }, (event) => {
    if (event.event !== 'progress') return;
    if (event.done === 0) start = performance.now();
    if (event.done === event.total) end = performance.now();
  });
  const logprobs = readFileSync(out, 'utf8').trim().split('\n').flatMap((l) => (JSON.parse(l) as { policy_model_logprobs: number[] }).policy_model_logprobs);
  return { seconds: (end - start) / 1000, logprobs };
}

async function main(): Promise<void> {
  Object.assign(process.env, { OMP_NUM_THREADS: String(THREADS), MKL_NUM_THREADS: String(THREADS), PYTHONPATH: env.PYTHONPATH });
  await onnxRun(); // warm-up: page cache and onnxruntime's first-session costs
  const onnx = await onnxRun();
  const torch = await torchRun();
  const maxDiff = Math.max(...onnx.logprobs.map((lp, i) => Math.abs(lp - torch.logprobs[i]!)));
  const onnxTps = onnx.tokens / onnx.seconds;
  const torchTps = onnx.tokens / torch.seconds;
  const result = {
    model: { layers: 4, hidden: 256, vocab: 151936, file: join(onnxDir, 'model.onnx') },
    sequences: items.length, tokens: onnx.tokens, threads: THREADS, batchTokens: BATCH_TOKENS, cpu: cpus()[0]?.model ?? 'unknown',
    onnx: { seconds: onnx.seconds, tokensPerSecond: onnxTps },
    torch: { seconds: torch.seconds, tokensPerSecond: torchTps },
    ratio: onnxTps / torchTps, maxAbsLogprobDiff: maxDiff,
  };
  console.log(`scoring: ${items.length} sequences, ${onnx.tokens} tokens, ${THREADS} threads each`);
  console.log(`  ONNX (onnxruntime-node)      ${onnxTps.toFixed(0).padStart(8)} tokens/s  (${onnx.seconds.toFixed(2)} s)`);
  console.log(`  PyTorch transformers worker  ${torchTps.toFixed(0).padStart(8)} tokens/s  (${torch.seconds.toFixed(2)} s)`);
  console.log(`  ratio ONNX / PyTorch: ${result.ratio.toFixed(2)}×   max |Δ log π(z_c)| = ${maxDiff.toExponential(2)}`);
  const outDir = join(root, 'out', 'bench');
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'scoring.json'), JSON.stringify(result, null, 2));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
}).finally(() => rmSync(work, { recursive: true, force: true }));
