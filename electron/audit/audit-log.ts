import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  AuditEntry,
  type AuditBreakLine,
  type AuditIntentLine,
  type AuditOutcomeLine,
  type AuditResult,
  type NewAuditEntry,
  type NewAuditIntent,
} from '../../shared/audit/audit-entry';
import { isSecretFieldName, secretMask } from '../../shared/security/secrets';
import { AuditHead, inspectAuditText, lineHash, type AuditInspection } from './audit-chain';
import { withAuditLock, type AuditLockOptions } from './audit-lock';

export class AuditLogError extends Error {
  constructor(path: string, line: number, detail: string) {
    super(`${path}:${line}: ${detail}`);
    this.name = 'AuditLogError';
  }
}

/** The audit entry could not be written: the change it was for must not run (or, for an outcome, is unrecorded). */
export class AuditWriteError extends Error {
  constructor(
    readonly path: string,
    reason: unknown,
  ) {
    super(
      `the audit log ${path} could not be written (${reason instanceof Error ? reason.message : String(reason)})`,
    );
    this.name = 'AuditWriteError';
  }
}

/** Masks parameters whose names are secret-like, or that the fix declares secret. */
export function maskParameters(
  parameters: Readonly<Record<string, unknown>>,
  secretNames: readonly string[] = [],
): Record<string, unknown> {
  const declared = new Set(secretNames.map((name) => name.toLowerCase()));
  return Object.fromEntries(
    Object.entries(parameters).map(([name, value]) => [
      name,
      (isSecretFieldName(name) || declared.has(name.toLowerCase())) && value !== '' && value !== null
        ? secretMask
        : value,
    ]),
  );
}

/** Appends text and flushes it to disk before returning: an entry is durable once this resolves. */
async function appendDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await handle.appendFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeHead(path: string, head: AuditHead): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(head)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

export interface AuditLogOptions {
  /** Appends and flushes; replaced in tests to act as a full or read-only disk. */
  appendDurably?: (path: string, text: string) => Promise<void>;
  lock?: AuditLockOptions;
}

type PendingLine =
  | Omit<AuditIntentLine, 'previous' | 'id'>
  | Omit<AuditOutcomeLine, 'previous'>
  | Omit<AuditBreakLine, 'previous'>;

/**
 * The audit log: JSON lines appended and flushed one at a time, never rewritten. Each change is an intent line
 * (written before anything changes) and an outcome line; each line holds the SHA-256 of the line before it, and
 * `<log>.head` holds the hash of the last one, so an edited, cut or added-to log is named with its line.
 * Ids are unique across processes (a lock file beside the log) and never given twice, even after a cut.
 */
export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly now: () => Date = () => new Date(),
    private readonly options: AuditLogOptions = {},
  ) {}

  get headPath(): string {
    return `${this.path}.head`;
  }

  private async readText(path: string): Promise<string> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  }

  private async readHead(): Promise<AuditHead | 'damaged' | null> {
    const text = await this.readText(this.headPath);
    if (text === '') return null;
    try {
      return AuditHead.parse(JSON.parse(text));
    } catch {
      return 'damaged';
    }
  }

  /** Entries, problems (each with its line) and what the next append builds on; damaged lines never throw. */
  async inspect(): Promise<AuditInspection> {
    let text: string;
    try {
      text = await this.readText(this.path);
    } catch (error) {
      throw new AuditLogError(this.path, 0, `cannot be read (${(error as Error).message})`);
    }
    return inspectAuditText(text, await this.readHead().catch(() => 'damaged' as const));
  }

  /** Every readable change, in the order written; damaged lines are skipped (`inspect` names them). */
  async entries(): Promise<AuditEntry[]> {
    return (await this.inspect()).entries;
  }

  async find(id: number): Promise<AuditEntry | null> {
    return (await this.entries()).find((entry) => entry.id === id) ?? null;
  }

  /** Appends lines under the lock, chained to what is there, with a break line first when the end was changed. */
  private write(build: (nextId: number) => PendingLine[]): Promise<number> {
    const next = this.queue.then(async () => {
      try {
        await mkdir(dirname(this.path), { recursive: true });
        return await withAuditLock(
          `${this.path}.lock`,
          async () => {
            const seen = await this.inspect();
            const at = this.now().toISOString();
            const id = seen.lastId + 1;
            const pending: PendingLine[] = [
              ...(seen.endProblem === null
                ? []
                : [
                    {
                      schemaVersion: 2 as const,
                      kind: 'break' as const,
                      at,
                      detail: seen.endProblem.detail,
                      lines: seen.endProblem.lines,
                    },
                  ]),
              ...build(id),
            ];
            let previous = seen.last?.text ?? null;
            const texts = pending.map((line) => {
              const record = line.kind === 'intent' ? { ...line, id } : line;
              const text = JSON.stringify({
                ...record,
                previous: previous === null ? null : lineHash(previous),
              });
              previous = text;
              return text;
            });
            await (this.options.appendDurably ?? appendDurably)(
              this.path,
              `${seen.unterminated ? '\n' : ''}${texts.join('\n')}\n`,
            );
            const hasIntent = pending.some((line) => line.kind === 'intent');
            await writeHead(this.headPath, {
              line: seen.lineCount + texts.length,
              sha256: lineHash(texts.at(-1) ?? ''),
              lastId: hasIntent ? id : seen.lastId,
            });
            return id;
          },
          this.options.lock,
        );
      } catch (error) {
        throw error instanceof AuditWriteError ? error : new AuditWriteError(this.path, error);
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private intentLine(
    intent: NewAuditIntent,
    secretNames: readonly string[],
  ): Omit<AuditIntentLine, 'previous' | 'id'> {
    const parsed = AuditEntry.parse({
      ...intent,
      after: null,
      outcome: 'failed',
      error: null,
      id: 1,
      schemaVersion: 2,
      at: intent.at ?? this.now().toISOString(),
      parameters: maskParameters(intent.parameters, secretNames),
    });
    return {
      schemaVersion: 2,
      kind: 'intent',
      at: parsed.at,
      operator: parsed.operator,
      server: parsed.server,
      action: parsed.action,
      parameters: parsed.parameters,
      before: parsed.before,
      undoes: parsed.undoes,
      simulated: parsed.simulated,
      lab: parsed.lab,
    };
  }

  private outcomeLine(intent: number, result: AuditResult): Omit<AuditOutcomeLine, 'previous'> {
    return {
      schemaVersion: 2,
      kind: 'outcome',
      intent,
      at: this.now().toISOString(),
      before: result.before ?? null,
      after: result.after ?? null,
      outcome: result.outcome,
      error: result.error,
    };
  }

  /**
   * Writes (and flushes) the intent of a change before anything changes; returns its id.
   * Throws AuditWriteError when it cannot: the caller must then change nothing.
   */
  intend(intent: NewAuditIntent, secretNames: readonly string[] = []): Promise<number> {
    const line = this.intentLine(intent, secretNames);
    return this.write(() => [line]);
  }

  /** Writes the outcome of an intent written before. */
  async complete(intentId: number, result: AuditResult): Promise<void> {
    await this.write(() => [this.outcomeLine(intentId, result)]);
  }

  /** Records a change that was decided without running anything (a refusal): intent and outcome at once. */
  async append(entry: NewAuditEntry, secretNames: readonly string[] = []): Promise<AuditEntry> {
    const intent = this.intentLine(entry, secretNames);
    const id = await this.write((nextId) => [intent, this.outcomeLine(nextId, entry)]);
    const written = await this.find(id);
    if (written === null) throw new AuditWriteError(this.path, `entry ${id} was not found after writing it`);
    return written;
  }
}
