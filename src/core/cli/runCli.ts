import { VERSION } from '../version';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const HELP = `laser-lab ${VERSION} — LaSeR Lab on the command line

Usage: laser-lab <command> [options]

Commands:
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
  io.err(`laser-lab: unknown command "${[command, ...rest].join(' ')}". Run "laser-lab help".\n`);
  return 2;
}
