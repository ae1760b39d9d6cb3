/** The command line: `statecraft lint ...` and `statecraft run ...`. */
import { PRODUCT_VERSION } from './product';

const USAGE = `Usage: statecraft <command> [options]

Commands:
  lint   Checks Amazon States Language definitions (statecraft lint --help)
  run    Runs a state machine locally (statecraft run --help)

Options:
  -h, --help      Shows this help.
  -v, --version   Prints the version.
`;

export async function runCli(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'lint':
      return (await import('./lint')).lintCommand(rest);
    case 'run':
      return (await import('./run')).runCommand(rest);
    case '-h':
    case '--help':
      process.stdout.write(USAGE);
      return 0;
    case '-v':
    case '--version':
      process.stdout.write(`${PRODUCT_VERSION}\n`);
      return 0;
    default:
      process.stderr.write(
        `statecraft: ${command === undefined ? 'no command given' : `unknown command \`${command}\``}; usage: statecraft lint|run ... (see statecraft --help)\n`,
      );
      return 2;
  }
}
