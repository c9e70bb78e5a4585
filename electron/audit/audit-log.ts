import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuditEntry, type NewAuditEntry } from '../../shared/audit/audit-entry';
import { isSecretFieldName, secretMask } from '../../shared/security/secrets';

export class AuditLogError extends Error {
  constructor(path: string, line: number, detail: string) {
    super(`${path}:${line}: ${detail}`);
    this.name = 'AuditLogError';
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

/**
 * The audit log: JSON lines appended and flushed to disk one entry at a time, never rewritten.
 * Ids are sequential; appends are serialised so two changes cannot take the same id.
 */
export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async entries(): Promise<AuditEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: AuditEntry[] = [];
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new AuditLogError(this.path, index + 1, 'is not valid JSON');
      }
      const parsed = AuditEntry.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AuditLogError(
          this.path,
          index + 1,
          `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
        );
      }
      entries.push(parsed.data);
    });
    return entries;
  }

  async find(id: number): Promise<AuditEntry | null> {
    return (await this.entries()).find((entry) => entry.id === id) ?? null;
  }

  /** Appends one entry (the caller masks nothing twice: parameters are masked here too) and returns it with its id. */
  append(entry: NewAuditEntry, secretNames: readonly string[] = []): Promise<AuditEntry> {
    const next = this.queue.then(async () => {
      const existing = await this.entries();
      const record = AuditEntry.parse({
        ...entry,
        at: entry.at ?? this.now().toISOString(),
        schemaVersion: 1,
        id: (existing.at(-1)?.id ?? 0) + 1,
        parameters: maskParameters(entry.parameters, secretNames),
      });
      await mkdir(dirname(this.path), { recursive: true });
      const handle = await open(this.path, 'a');
      try {
        await handle.appendFile(`${JSON.stringify(record)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return record;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
