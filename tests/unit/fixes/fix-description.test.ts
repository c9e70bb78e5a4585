import { describe, expect, it } from 'vitest';
import { remotingFixIds } from '../../../shared/checks/remoting-fix-ids';
import { describeFix, formatFixValue } from '../../../shared/fixes/fix-description';
import { demoRun } from '../../helpers/demo-run';

// The sentences are built from the evidence the real rules write for the demo estate, not from hand-made objects.
async function evidenceOf(server: string, checkId: string) {
  const run = await demoRun();
  const result = run.results
    .find((entry) => entry.fqdn === server)
    ?.results.find((item) => item.checkId === checkId);
  return { result, evidence: (result?.evidence ?? null) as Record<string, unknown> | null };
}

describe('describeFix', () => {
  it('says what the CBT fix changes on the demo server, from its current evidence to the chosen level', async () => {
    const failing = (await demoRun()).results.flatMap((entry) =>
      entry.results
        .filter((item) => item.fixId === remotingFixIds.cbtHardeningNone)
        .map((item) => ({ fqdn: entry.fqdn, item })),
    );
    const first = failing[0];
    expect(first).toBeDefined();
    if (first === undefined) return;
    const level = String((first.item.evidence as Record<string, unknown>).cbtHardeningLevel);
    expect(
      describeFix({
        fixId: remotingFixIds.cbtHardeningNone,
        server: first.fqdn,
        parameters: { server: first.fqdn, level: 'None' },
        current: first.item.evidence,
      }),
    ).toBe(`Sets CbtHardeningLevel on ${first.fqdn} from ${level} to None`);
  });

  it('states an undo by its own before and after, never "Turns green"', () => {
    const sentence = describeFix({
      fixId: remotingFixIds.cbtHardeningNone,
      server: 'exch02.contoso.com',
      parameters: {
        server: 'exch02.contoso.com',
        level: 'None',
        restore: { before: { level: 'Relaxed' }, after: { level: 'None' } },
      },
      current: { cbtHardeningLevel: 'None', source: 'local' },
    });
    expect(sentence).toBe('Sets CbtHardeningLevel on exch02.contoso.com from None back to Relaxed');
  });

  it('says when the current value was not read instead of inventing one', () => {
    expect(
      describeFix({
        fixId: remotingFixIds.cbtHardeningNone,
        server: 'exch02.contoso.com',
        parameters: { level: 'None' },
        current: null,
      }),
    ).toBe('Sets CbtHardeningLevel on exch02.contoso.com to None (its current value was not read)');
  });

  it('names the account with one backslash, as typed', () => {
    const sentence = describeFix({
      fixId: remotingFixIds.serviceAccountAddToRemoteManagementUsers,
      server: 'exch03.contoso.com',
      parameters: { account: 'CONTOSO\\svc-sync' },
      current: null,
    });
    expect(sentence).toBe('Adds CONTOSO\\svc-sync to Remote Management Users on exch03.contoso.com');
    expect(sentence).not.toContain('\\\\');
  });

  it('the WinRM service fix reads the start type from the rule evidence', async () => {
    const { evidence } = await evidenceOf('exch01.contoso.com', 'winrm.service');
    expect(evidence).toMatchObject({ status: expect.any(String), startType: expect.any(String) });
    const sentence = describeFix({
      fixId: remotingFixIds.winrmServiceStart,
      server: 'exch01.contoso.com',
      parameters: {},
      current: evidence,
    });
    expect(sentence).toBe(
      `Sets the WinRM service on exch01.contoso.com from ${String(evidence?.status)} (start type ${String(evidence?.startType)}) to Running (start type Automatic)`,
    );
  });

  it('undoes a membership as a removal, and a firewall rule by its addresses', () => {
    expect(
      describeFix({
        fixId: remotingFixIds.serviceAccountAddToRemoteManagementUsers,
        server: 'exch03.contoso.com',
        parameters: {
          account: 'CONTOSO\\svc-sync',
          restore: { before: { member: false }, after: { member: true } },
        },
        current: null,
      }),
    ).toBe(
      'Removes CONTOSO\\svc-sync from Remote Management Users on exch03.contoso.com (from a member back to not a member)',
    );
    expect(
      describeFix({
        fixId: remotingFixIds.firewallAllow5986,
        server: 'exch04.contoso.com',
        parameters: { remoteAddresses: ['10.0.0.21', '10.0.0.22'] },
        current: null,
      }),
    ).toBe('Adds an inbound rule on exch04.contoso.com allowing TCP 5986 from 10.0.0.21, 10.0.0.22');
  });

  it('TrustedHosts is changed on the sync server, with its current value from the evidence', () => {
    expect(
      describeFix({
        fixId: remotingFixIds.trustedHostsAddServer,
        server: 'exch05.contoso.com',
        parameters: { syncServer: 'sync01.contoso.com', hosts: ['exch05.contoso.com'] },
        current: { bySyncServer: { 'sync01.contoso.com': { value: 'exch01.contoso.com', source: 'local' } } },
      }),
    ).toBe('Adds exch05.contoso.com to TrustedHosts on sync01.contoso.com (now "exch01.contoso.com")');
  });
});

describe('formatFixValue', () => {
  it('shows values as typed: text as is, lists comma-separated, flags Yes/No', () => {
    expect(formatFixValue('CONTOSO\\svc-sync')).toBe('CONTOSO\\svc-sync');
    expect(formatFixValue(['10.0.0.1', '10.0.0.2'])).toBe('10.0.0.1, 10.0.0.2');
    expect(formatFixValue(true)).toBe('Yes');
    expect(formatFixValue(null)).toBe('none');
    expect(formatFixValue({ level: 'Relaxed' })).toBe('level Relaxed');
  });
});
