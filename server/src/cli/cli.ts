/** The command line: `statecraft lint ...` and `statecraft run ...`. */
export async function runCli(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'lint':
      return (await import('./lint')).lintCommand(rest);
    case 'run':
      return (await import('./run')).runCommand(rest);
    default:
      process.stderr.write(`statecraft: unknown command ${command ?? '(none)'}; usage: statecraft lint|run ...\n`);
      return 2;
  }
}
