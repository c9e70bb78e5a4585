import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

export class StoredFileError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'StoredFileError';
  }
}

/**
 * One JSON document in userData, validated on every read and written atomically.
 * A corrupt file is never overwritten silently: reading it fails with the file and the reason.
 */
export class JsonStore<S extends z.ZodType> {
  constructor(
    private readonly path: string,
    private readonly schema: S,
    private readonly fallback: () => z.output<S>,
  ) {}

  async read(): Promise<z.output<S>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.fallback();
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new StoredFileError(this.path, `is not valid JSON (${(error as Error).message})`);
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}: ${issue.message}`;
      throw new StoredFileError(this.path, `does not match the expected shape${where}`);
    }
    return parsed.data;
  }

  async write(value: z.output<S>): Promise<void> {
    const checked = this.schema.parse(value);
    await writeFileAtomic(this.path, `${JSON.stringify(checked, null, 2)}\n`);
  }
}
