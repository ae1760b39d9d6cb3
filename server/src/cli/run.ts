/** `statecraft run`. */
export async function runCommand(args: string[]): Promise<number> {
  process.stderr.write(`statecraft run: not implemented yet (${args.length} arguments)\n`);
  return 2;
}
