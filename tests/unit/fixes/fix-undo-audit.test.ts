import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineHash } from '../../../electron/audit/audit-chain';
import { AuditLog } from '../../../electron/audit/audit-log';
import { planUndo } from '../../../electron/fixes/fix-undo';
import type { NewAuditEntry } from '../../../shared/audit/audit-entry';
import { remotingFixIds } from '../../../shared/checks/remoting-fix-ids';
import { fixNow, scriptsDir, server } from '../../helpers/fix-lab';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('fix-undo-audit');

const serviceStarted: NewAuditEntry = {
  operator: 'CONTOSO\\admin',
  server,
  action: remotingFixIds.winrmServiceStart,
  parameters: { server },
  before: { status: 'Stopped', startType: 'Disabled' },
  after: { status: 'Running', startType: 'Automatic' },
  outcome: 'succeeded',
  error: null,
  undoes: null,
};

async function logWith(...entries: NewAuditEntry[]) {
  const path = join(await tempDir(), 'audit.jsonl');
  const audit = new AuditLog(path, () => fixNow);
  for (const entry of entries) await audit.append(entry);
  return { path, audit };
}

describe('undo reads the audit log strictly', () => {
  it('undoes a real entry of an intact log', async () => {
    const { audit } = await logWith(serviceStarted);
    await expect(planUndo(1, audit, scriptsDir)).resolves.toMatchObject({ preview: { undoes: 1 } });
  });

  it('refuses the undo of a forged line appended with a correct hash', async () => {
    const { path, audit } = await logWith(serviceStarted);
    const last = (await readFile(path, 'utf8')).trimEnd().split('\n').at(-1) ?? '';
    const intent = JSON.stringify({
      schemaVersion: 2,
      kind: 'intent',
      id: 2,
      at: fixNow.toISOString(),
      operator: 'CONTOSO\\admin',
      server: 'exch02.contoso.com',
      action: remotingFixIds.winrmServiceStart,
      parameters: {},
      before: null,
      undoes: null,
      simulated: false,
      lab: null,
      previous: lineHash(last),
    });
    const outcome = JSON.stringify({
      schemaVersion: 2,
      kind: 'outcome',
      intent: 2,
      at: fixNow.toISOString(),
      before: { status: 'Stopped', startType: 'Disabled' },
      after: { status: 'Running', startType: 'Automatic' },
      outcome: 'succeeded',
      error: null,
      previous: lineHash(intent),
    });
    await appendFile(path, `${intent}\n${outcome}\n`);
    await expect(planUndo(2, audit, scriptsDir)).rejects.toThrow(
      /cannot be trusted.*audit\.jsonl:3: .*not written by ExReady/,
    );
    // The genuine entry before it stays undoable.
    await expect(planUndo(1, audit, scriptsDir)).resolves.toMatchObject({ preview: { undoes: 1 } });
  });

  it('refuses the undo of a forged line in the old, unchained format', async () => {
    const { path, audit } = await logWith(serviceStarted);
    const forged = { ...serviceStarted, schemaVersion: 1, id: 7, at: fixNow.toISOString(), simulated: false };
    await appendFile(path, `${JSON.stringify(forged)}\n`);
    await expect(planUndo(7, audit, scriptsDir)).rejects.toThrow(/There is no audit entry 7/);
    expect((await audit.inspect()).problems).toContainEqual(
      expect.objectContaining({
        line: 3,
        detail: expect.stringContaining('unchained line among chained ones'),
      }),
    );
  });

  it('refuses, without --lab, to undo an entry the demo lab wrote, and undoes it in the lab', async () => {
    const { audit } = await logWith({ ...serviceStarted, simulated: true, lab: 'demo' });
    await expect(planUndo(1, audit, scriptsDir)).rejects.toThrow(/made in the demo lab.*--lab demo/);
    await expect(planUndo(1, audit, scriptsDir, { lab: 'demo' })).resolves.toMatchObject({
      preview: { undoes: 1 },
    });
  });

  it('refuses to undo a real change in the lab', async () => {
    const { audit } = await logWith(serviceStarted);
    await expect(planUndo(1, audit, scriptsDir, { lab: 'demo' })).rejects.toThrow(
      /cannot be undone in a lab/,
    );
  });

  it('refuses a CBT entry whose before-level is not exactly None, Relaxed or Strict (lower-case none)', async () => {
    const { audit } = await logWith({
      ...serviceStarted,
      action: remotingFixIds.cbtHardeningNone,
      parameters: { server, level: 'None' },
      before: { level: 'none' },
      after: { level: 'Relaxed' },
    });
    await expect(planUndo(1, audit, scriptsDir)).rejects.toThrow(/before\.level "none" is not exactly None/);
  });

  it('still asks for the risk to be accepted when the CBT undo puts None back', async () => {
    const { audit } = await logWith({
      ...serviceStarted,
      action: remotingFixIds.cbtHardeningNone,
      parameters: { server, level: 'Relaxed' },
      before: { level: 'None' },
      after: { level: 'Relaxed' },
    });
    await expect(planUndo(1, audit, scriptsDir)).resolves.toMatchObject({
      preview: { risk: 'lowers-security' },
    });
  });
});
