import { describe, expect, it } from 'vitest';
import { fixCatalogueForWindow } from '../../../electron/services/fix-handlers';
import { safeFixCandidates, type FixCatalogueEntry } from '../../../renderer/src/checks/safe-fixes';
import { demoRun } from '../../helpers/demo-run';

// What the catalogue channel answers, from the same function main serves it with.
const catalogue: FixCatalogueEntry[] = fixCatalogueForWindow();

describe('the fixes "Fix all safe" offers', () => {
  it('takes failing and warning checks whose fix lowers nothing and needs no choice', async () => {
    const run = await demoRun();
    const candidates = safeFixCandidates(run, catalogue);
    expect(candidates.length).toBeGreaterThan(2);
    for (const candidate of candidates) {
      expect(catalogue.find((fix) => fix.id === candidate.fixId)?.risk).toBe('none');
      expect(['fail', 'warn']).toContain(candidate.status);
    }
    // exch02's stopped WinRM service is offered; the certificate fixes (a choice) and CBT None (a risk) never are.
    expect(candidates.map((c) => c.key)).toContain('exch02.contoso.com|winrm.service.start-automatic');
    const ids = new Set(candidates.map((c) => c.fixId));
    expect(ids.has('winrm.auth.cbt.set-none')).toBe(false);
    expect(ids.has('winrm.listener.cert.replace')).toBe(false);
    expect(ids.has('winrm.listener.https.create')).toBe(false);
  });

  it('offers nothing for a check that passes, and follows the catalogue risk', async () => {
    const run = await demoRun();
    const riskyService = catalogue.map((fix) =>
      fix.id === 'winrm.service.start-automatic' ? { ...fix, risk: 'lowers-security' as const } : fix,
    );
    expect(
      safeFixCandidates(run, riskyService).some((c) => c.fixId === 'winrm.service.start-automatic'),
    ).toBe(false);
    const exch01 = run.results.find((entry) => entry.fqdn === 'exch01.contoso.com');
    expect(exch01?.results.every((result) => result.status === 'pass')).toBe(true);
    expect(safeFixCandidates(run, catalogue).some((c) => c.server === 'exch01.contoso.com')).toBe(false);
  });

  it('carries the parameters the run knows, e.g. the service account to add', async () => {
    const run = await demoRun();
    const account = safeFixCandidates(run, catalogue).find(
      (c) => c.fixId === 'psremoting.serviceaccount.add-to-remote-management-users',
    );
    expect(account).toMatchObject({
      server: 'exch03.contoso.com',
      parameters: { account: 'CONTOSO\\svc-sync' },
    });
  });
});
