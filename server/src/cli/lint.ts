/** `statecraft lint`. */
export async function lintCommand(args: string[]): Promise<number> {
  process.stderr.write(`statecraft lint: not implemented yet (${args.length} arguments)\n`);
  return 2;
}
