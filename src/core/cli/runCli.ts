import { VERSION } from '../version';
import { parseLogCommand } from './parseLogCommand';
import { reportCommand } from './reportCommand';
import { runCommand, runsCommand, stopCommand } from './runCommands';
import { scoreCommand } from './scoreCommand';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  run: runCommand,
  runs: runsCommand,
  stop: stopCommand,
  'parse-log': parseLogCommand,
  report: reportCommand,
  score: scoreCommand,
};

const HELP = `laser-lab ${VERSION} — LaSeR Lab on the command line

Usage: laser-lab <command> [options]

Commands:
  run <profile-file> [--detach] [--skip-checks]
                     Validate a run profile, check the machine and start the run under ./.laser/runs/;
                     follows its output until it ends (--detach: print the run id and return).
  runs [--json]      List the runs in ./.laser/runs/ with their status.
  stop <run-id>      Stop a run: SIGINT to its process group, then SIGTERM, then SIGKILL.
  parse-log <file> --json
                     Print the metrics in a training log as JSON lines, then its parse warnings.
  report <file> [--threshold 0.5] [--seed 0] [--json]
                     Self-reward report of a solution file (LaSeR eval, verl dump or Qwen2.5-Math eval JSONL):
                     accuracy, self-verification (all / filtered), test-time scaling for k = 1…N.
  score <file> --model <dir> [--token-id N] [--beta B] [--c-ref C] [--out <file>]
                     Self-reward scores for every response of a LaSeR eval JSONL with an exported ONNX model
                     folder (python -m laser_lab.export_onnx); cached in ./.laser/scores/, --out writes a scored copy.
  help               Show this help.

Options:
  --version, -v      Print the version.
  --help, -h         Show this help.
`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(HELP);
    return 0;
  }
  const run = COMMANDS[command];
  if (run) return run(rest, io);
  io.err(`laser-lab: unknown command "${[command, ...rest].join(' ')}". Run "laser-lab help".\n`);
  return 2;
}
