import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, AuditLogError } from '../../../electron/audit/audit-log';
import { currentOperator } from '../../../electron/audit/operator';
import { useTempDirs } from '../../helpers/temp-dir';

const change = {
  operator: 'CONTOSO\\admin',
  server: 'exch01.contoso.com',
  action: 'winrm.trustedhosts.append',
  parameters: { hosts: ['exch01.contoso.com'], apiSecret: 'top-secret-value' },
  before: { trustedHosts: '' },
  after: { trustedHosts: 'exch01.contoso.com' },
  outcome: 'succeeded' as const,
  error: null,
  undoes: null,
};

describe('AuditLog', () => {
  const tempDir = useTempDirs('audit');

  it('appends JSON lines with sequential ids and the time, masking secret parameters', async () => {
    const path = join(await tempDir(), 'audit', 'audit.jsonl');
    const log = new AuditLog(path, () => new Date('2026-11-22T10:00:00Z'));
    const first = await log.append(change);
    const second = await log.append({ ...change, parameters: { token: 'abc', level: 'None' } }, ['level']);
    expect([first.id, second.id]).toEqual([1, 2]);
    expect(first.at).toBe('2026-11-22T10:00:00.000Z');
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('top-secret-value');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(second.parameters).toEqual({ token: '********', level: '********' });
    await expect(log.find(1)).resolves.toMatchObject({
      action: 'winrm.trustedhosts.append',
      before: { trustedHosts: '' },
    });
  });

  it('never gives two changes the same id when they are written together', async () => {
    const log = new AuditLog(join(await tempDir(), 'audit.jsonl'));
    const entries = await Promise.all(Array.from({ length: 12 }, () => log.append(change)));
    expect(new Set(entries.map((e) => e.id)).size).toBe(12);
  });

  it('names the line of a damaged entry instead of skipping it', async () => {
    const path = join(await tempDir(), 'audit.jsonl');
    const log = new AuditLog(path);
    await log.append(change);
    await appendFile(path, '{"schemaVersion":1,"id":"two"}\n');
    const error: unknown = await log.entries().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditLogError);
    expect((error as Error).message).toContain(`${path}:2:`);
  });

  it('names the operator DOMAIN\\user on Windows', () => {
    expect(currentOperator({ USERDOMAIN: 'CONTOSO', USERNAME: 'admin' })).toBe('CONTOSO\\admin');
  });
});
