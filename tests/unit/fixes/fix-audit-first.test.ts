import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, AuditWriteError } from '../../../electron/audit/audit-log';
import { applyFix } from '../../../electron/fixes/fix-apply';
import { planFix } from '../../../electron/fixes/fix-preview';
import type { PowerShellHost } from '../../../electron/powershell/powershell-host';
import { remotingFixIds } from '../../../shared/checks/remoting-fix-ids';
import { fixNow, scriptsDir, server } from '../../helpers/fix-lab';
import { collectedValue, readyServerFacts, syncServer } from '../../helpers/remoting-facts';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('fix-audit-first');

const applied = JSON.stringify({
  exreadyResult: 1,
  status: 'applied',
  changed: true,
  before: { status: 'Stopped', startType: 'Disabled' },
  after: { status: 'Running', startType: 'Automatic' },
  message: 'WinRM runs and starts automatically.',
  error: null,
});

// A host that records what the audit log held at the moment the script was asked to run.
function watchingHost(auditPath: string) {
  const seen: string[] = [];
  const host: PowerShellHost = {
    async run(_scriptPath, _parameters, options) {
      seen.push(await readFile(auditPath, 'utf8').catch(() => ''));
      options.onLine(applied);
      return { errors: [], warnings: [], durationMs: 1 };
    },
    dispose: () => Promise.resolve(),
  };
  return { host, seen };
}

const consent = { confirmed: true, riskAccepted: false };

describe('a fix is audited before it runs', () => {
  it('has its intent on disk (who, server, fix, masked parameters) before the script starts, and its outcome after', async () => {
    const path = join(await tempDir(), 'audit.jsonl');
    const audit = new AuditLog(path, () => fixNow);
    const { host, seen } = watchingHost(path);
    const plan = await planFix(remotingFixIds.winrmServiceStart, server, {}, scriptsDir);
    const outcome = await applyFix(plan, consent, { host, audit, operator: 'CONTOSO\\admin' });
    expect(outcome).toMatchObject({ outcome: 'succeeded', auditId: 1 });
    expect(seen).toHaveLength(1);
    const atRun = (seen[0] ?? '').split('\n').filter((line) => line !== '');
    expect(atRun).toHaveLength(1);
    expect(JSON.parse(atRun[0] ?? '')).toMatchObject({
      kind: 'intent',
      id: 1,
      operator: 'CONTOSO\\admin',
      server,
      action: remotingFixIds.winrmServiceStart,
    });
    await expect(audit.find(1)).resolves.toMatchObject({
      outcome: 'succeeded',
      before: { status: 'Stopped', startType: 'Disabled' },
    });
  });

  it('changes nothing when the audit log cannot be written (read-only), and says why', async () => {
    const path = join(await tempDir(), 'audit.jsonl');
    const readOnly = () =>
      Promise.reject(
        Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' }),
      );
    const audit = new AuditLog(path, () => fixNow, { appendDurably: readOnly });
    const { host, seen } = watchingHost(path);
    const plan = await planFix(remotingFixIds.winrmServiceStart, server, {}, scriptsDir);
    const error: unknown = await applyFix(plan, consent, { host, audit, operator: 'CONTOSO\\admin' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuditWriteError);
    expect((error as Error).message).toMatch(/could not be written \(EACCES/);
    expect(seen).toEqual([]);
  });

  it('records in the intent the before-value the newest run collected, before the script runs', async () => {
    const path = join(await tempDir(), 'audit.jsonl');
    const audit = new AuditLog(path, () => fixNow);
    const { host, seen } = watchingHost(path);
    const facts = readyServerFacts({
      fqdn: server,
      winrmService: collectedValue({ status: 'Running', startType: 'Manual' }),
    });
    const plan = await planFix(remotingFixIds.winrmServiceStart, server, {}, scriptsDir, { facts });
    await applyFix(plan, consent, { host, audit, operator: 'CONTOSO\\admin' });
    const intent = JSON.parse((seen[0] ?? '').split('\n')[0] ?? '') as Record<string, unknown>;
    expect(intent.before).toEqual({
      observed: 'last-collected',
      collectedAt: facts.collectedAt,
      part: 'winrmService',
      value: { status: 'collected', value: { status: 'Running', startType: 'Manual' } },
    });
  });

  it("records a sync server's TrustedHosts as the intent's before-value of the TrustedHosts fix", async () => {
    const path = join(await tempDir(), 'audit.jsonl');
    const audit = new AuditLog(path, () => fixNow);
    const { host, seen } = watchingHost(path);
    const sync = {
      facts: syncServer('sync01.contoso.com', 'exch01.contoso.com'),
      collectedAt: '2026-11-22T09:00:00Z',
    };
    const plan = await planFix(
      remotingFixIds.trustedHostsAddServer,
      'sync01.contoso.com',
      { syncServer: 'sync01.contoso.com', hosts: ['exch02.contoso.com'] },
      scriptsDir,
      { syncFacts: sync },
    );
    await applyFix(plan, consent, { host, audit, operator: 'CONTOSO\\admin' });
    const intent = JSON.parse((seen[0] ?? '').split('\n')[0] ?? '') as Record<string, unknown>;
    expect(intent.before).toMatchObject({
      observed: 'last-collected',
      part: 'trustedHosts',
      value: { status: 'collected', value: { value: 'exch01.contoso.com', source: null } },
    });
  });

  it('says in the intent why no before-value was known when no run collected the server', async () => {
    const path = join(await tempDir(), 'audit.jsonl');
    const audit = new AuditLog(path, () => fixNow);
    const { host, seen } = watchingHost(path);
    const plan = await planFix(remotingFixIds.cbtHardeningNone, server, {}, scriptsDir);
    await applyFix(
      plan,
      { confirmed: true, riskAccepted: true },
      { host, audit, operator: 'CONTOSO\\admin' },
    );
    const intent = JSON.parse((seen[0] ?? '').split('\n')[0] ?? '') as Record<string, unknown>;
    expect(intent.before).toEqual({
      observed: 'not-collected',
      reason: `no saved run has collected ${server}`,
    });
  });
});
