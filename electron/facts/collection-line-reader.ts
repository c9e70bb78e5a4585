import { CollectionLine } from '../../shared/facts/collection-protocol';

/** A protocol line, with its 1-based line number in the run's stdout. */
export interface ProtocolLine {
  lineNumber: number;
  line: CollectionLine;
}

/** Output that is not ours (a profile banner, a stray Write-Host): kept so nothing printed is lost. */
export interface NoiseLine {
  lineNumber: number;
  text: string;
}

/** A line that claims to be a protocol line but does not parse or validate. */
export interface MalformedLine {
  lineNumber: number;
  text: string;
  reason: string;
}

export type ReadEvent =
  | ({ type: 'line' } & ProtocolLine)
  | ({ type: 'noise' } & NoiseLine)
  | ({ type: 'malformed' } & MalformedLine);

export interface CollectionOutput {
  lines: ProtocolLine[];
  noise: NoiseLine[];
  malformed: MalformedLine[];
}

// Our lines are compressed JSON objects whose first key is "exready"; anything else is someone else's output.
const protocolStart = /^\{\s*"exready"\s*:/;

function classify(text: string, lineNumber: number): ReadEvent | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return null;
  if (!protocolStart.test(trimmed)) return { type: 'noise', lineNumber, text };
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch (error) {
    const reason = `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    return { type: 'malformed', lineNumber, text, reason };
  }
  const parsed = CollectionLine.safeParse(raw);
  if (parsed.success) return { type: 'line', lineNumber, line: parsed.data };
  const reason = parsed.error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '$'}: ${issue.message}`)
    .join('; ');
  return { type: 'malformed', lineNumber, text, reason };
}

/** Splits collector stdout into lines as chunks arrive (a line may span chunks) and classifies each one. */
export class CollectionLineReader {
  private pending = '';
  private lineNumber = 0;
  private started = false;

  /** Feeds a chunk of stdout; returns the events of the lines it completed. */
  push(chunk: string): ReadEvent[] {
    let text = chunk;
    // [Console]::OutputEncoding UTF-8 may start the stream with a BOM.
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.pending += text;
    const parts = this.pending.split('\n');
    this.pending = parts.pop() ?? '';
    return parts.flatMap((part) => this.take(part));
  }

  /** Flushes the last line when stdout closes without a final newline. */
  end(): ReadEvent[] {
    const rest = this.pending;
    this.pending = '';
    return rest.length === 0 ? [] : this.take(rest);
  }

  private take(part: string): ReadEvent[] {
    this.lineNumber += 1;
    const event = classify(part.endsWith('\r') ? part.slice(0, -1) : part, this.lineNumber);
    return event === null ? [] : [event];
  }
}

export function groupEvents(events: readonly ReadEvent[]): CollectionOutput {
  const output: CollectionOutput = { lines: [], noise: [], malformed: [] };
  for (const event of events) {
    if (event.type === 'line') output.lines.push({ lineNumber: event.lineNumber, line: event.line });
    else if (event.type === 'noise') output.noise.push({ lineNumber: event.lineNumber, text: event.text });
    else output.malformed.push({ lineNumber: event.lineNumber, text: event.text, reason: event.reason });
  }
  return output;
}

/** Reads a whole stdout text at once. */
export function readCollectionOutput(text: string): CollectionOutput {
  const reader = new CollectionLineReader();
  return groupEvents([...reader.push(text), ...reader.end()]);
}
