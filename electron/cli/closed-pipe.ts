/** The SIGPIPE convention (128 + 13): the reader of stdout went away before the output was written. */
export const closedPipeExitCode = 141;

/**
 * A writer that stops quietly once its reader has closed the pipe (`exready evaluate --json | head -1`):
 * no EPIPE stack trace; the command still runs to its end, so a fix is never cut between its audit lines.
 */
export function pipeWriter(
  stream: NodeJS.WritableStream,
  onClosed: () => void = () => undefined,
): {
  write: (text: string) => void;
  closed: () => boolean;
} {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
    onClosed();
  });
  return {
    write: (text) => {
      if (!closed) stream.write(text);
    },
    closed: () => closed,
  };
}
