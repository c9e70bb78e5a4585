/** Turns stream chunks into whole lines (LF or CRLF); a partial line waits for the rest of it. */
export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.pending + chunk;
    const lines = text.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }

  /** Hands over a last line that had no line break. */
  flush(): void {
    if (this.pending === '') return;
    const line = this.pending;
    this.pending = '';
    this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
