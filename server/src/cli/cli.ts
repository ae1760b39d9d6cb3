/** The command line: `statecraft lint ...`. */
export async function runCli(args: string[]): Promise<number> {
  process.stderr.write(`statecraft: not implemented: ${args.join(' ')}\n`);
  return 2;
}
