import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppLogger } from '../../../electron/logging/logger';
import { createRedactor, redactedText } from '../../../electron/logging/redact';

describe('createRedactor', () => {
  it('masks secret-named fields at any depth, keeps the rest', () => {
    const redactor = createRedactor();
    const out = redactor.redact({
      server: 'exch01.contoso.com',
      settings: { MONOSIGN_API_SECRET: 's3cr3t-value', MONOSIGN_API_URL: 'https://mfa.contoso.com' },
      credentials: [{ userName: 'svc', password: 'P@ssw0rd!' }],
      apiKey: 'abc123',
      token: '',
    });
    expect(out).toEqual({
      server: 'exch01.contoso.com',
      settings: { MONOSIGN_API_SECRET: redactedText, MONOSIGN_API_URL: 'https://mfa.contoso.com' },
      credentials: redactedText,
      apiKey: redactedText,
      token: '',
    });
  });

  it('masks a registered secret value wherever it appears, even inside messages and errors', () => {
    const redactor = createRedactor(() => ['Zq9-very-secret']);
    const out = redactor.redact({
      message: 'Request failed with key Zq9-very-secret twice: Zq9-very-secret',
      error: new Error('401 for Zq9-very-secret'),
    });
    expect(JSON.stringify(out)).not.toContain('Zq9-very-secret');
    expect(out.message).toBe(`Request failed with key ${redactedText} twice: ${redactedText}`);
  });

  it('survives circular structures', () => {
    const node: Record<string, unknown> = { name: 'a' };
    node.self = node;
    expect(createRedactor().redact(node)).toEqual({ name: 'a', self: '[Circular]' });
  });
});

describe('createAppLogger', () => {
  let dir = '';
  afterEach(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('writes JSON lines with secrets redacted to a rotating file in the log folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'exready-log-'));
    const logger = createAppLogger({ directory: dir, redactor: createRedactor(() => ['hunter2-secret']) });
    logger.info('Applied settings', { MONOSIGN_API_KEY: 'key-123456', note: 'used hunter2-secret' });
    logger.warn('second line');
    await logger.close();

    const files = (await readdir(dir)).filter((name) => name.endsWith('.log'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^exready-\d{4}-\d{2}-\d{2}\.log$/);
    const text = await readFile(join(dir, files[0] ?? ''), 'utf8');
    expect(text).not.toContain('key-123456');
    expect(text).not.toContain('hunter2-secret');
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'Applied settings',
      MONOSIGN_API_KEY: redactedText,
    });
    expect(lines[0]?.timestamp).toEqual(expect.any(String));
  });
});
