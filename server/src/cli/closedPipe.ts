/** Standard output that a reader closed early. */

const quieted = new WeakSet<NodeJS.WritableStream>();

/**
 * A reader that stops early (`statecraft ... | head`) closes the pipe: that ends the output, it is
 * not a failure worth a stack trace. Other write errors still throw.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WritableStream = process.stdout): void {
  if (quieted.has(stream)) return;
  quieted.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
