import { describe, expect, it } from 'vitest';
import { FixConsentError, applyFix } from '../../../electron/fixes/fix-apply';
import { exportFixPlan } from '../../../electron/fixes/fix-export';
import { planFix } from '../../../electron/fixes/fix-preview';
import { remotingFixIds } from '../../../shared/checks/remoting-fix-ids';
import { scriptsDir, server } from '../../helpers/fix-lab';

// The risk of a fix follows its values: the same fix is "none" with exact hosts and lowers security with a wildcard.

const trustedHosts = (hosts: unknown) =>
  planFix(
    remotingFixIds.trustedHostsAddServer,
    server,
    { syncServer: 'sync01.contoso.com', hosts },
    scriptsDir,
  );
const firewall = (remoteAddresses: unknown) =>
  planFix(remotingFixIds.firewallAllow5986, server, { remoteAddresses }, scriptsDir);

describe('TrustedHosts risk from the entries', () => {
  it.each([
    ['"*"', '*', '"*"'],
    ['"*" after a host, as one text', 'exch01.contoso.com,*', '"*"'],
    ['"*" inside one array entry', ['exch01.contoso.com,*'], '"*"'],
    ['" *" with a leading space', [' *'], '"*"'],
    ['"x,*" (a short name and "*")', 'x,*', '"*"'],
    ['"*.com" (a whole top-level domain)', ['*.com'], '"*.com"'],
    ['"*.co.uk" (a public suffix)', ['exch01.contoso.com', '*.co.uk'], '"*.co.uk"'],
  ])('%s lowers security and says what it exposes', async (_name, hosts, named) => {
    const { preview } = await trustedHosts(hosts);
    expect(preview.risk).toBe('lowers-security');
    expect(preview.exposes).toContain(named);
    expect(preview.exposes).toMatch(/credentials/);
  });

  it.each([
    ['exact Exchange servers', ['exch01.contoso.com', 'exch02.contoso.com']],
    ['one DNS domain', ['*.contoso.com']],
    ['an IP address', ['10.0.0.11']],
  ])('%s is risk none', async (_name, hosts) => {
    const { preview } = await trustedHosts(hosts);
    expect(preview.risk).toBe('none');
    expect(preview.exposes).toBeNull();
  });
});

describe('firewall scope risk from the remote addresses', () => {
  it.each([
    ['Any', ['Any'], 'every address'],
    ['0.0.0.0/0', ['10.0.0.21', '0.0.0.0/0'], 'every IPv4 address'],
    ['::/0', ['::/0'], 'every IPv6 address'],
    ['Internet', ['internet'], 'Internet'],
    ['LocalSubnet', ['LocalSubnet'], 'LocalSubnet'],
    ['Intranet', ['Intranet'], 'Intranet'],
    ['DNS', ['DNS'], 'DNS'],
    ['DHCP', ['DHCP'], 'DHCP'],
    ['a /24 subnet', ['10.0.0.0/24'], '256 addresses'],
    ['a subnet mask', ['10.0.0.0/255.255.0.0'], '65,536 addresses'],
    ['a full range', ['0.0.0.0-255.255.255.255'], '4,294,967,296 addresses'],
    ['an IPv6 range', ['2001:db8::1-2001:db8::ff'], '255 addresses'],
  ])('%s lowers security and says what it exposes', async (_name, addresses, exposes) => {
    const { preview } = await firewall(addresses);
    expect(preview.risk).toBe('lowers-security');
    expect(preview.exposes).toContain(exposes);
    expect(preview.exposes).toContain('5986');
  });

  it.each([
    ['single addresses', ['10.0.0.21', '2001:db8::21']],
    ['host-sized subnets', ['10.0.0.21/32', '2001:db8::21/128']],
    ['a one-address range', ['10.0.0.21-10.0.0.21']],
  ])('%s is risk none', async (_name, addresses) => {
    const { preview } = await firewall(addresses);
    expect(preview.risk).toBe('none');
  });
});

describe('one gate for applying and exporting', () => {
  it('refuses to apply a wide scope without "I accept this risk", before any script runs', async () => {
    const plan = await firewall(['0.0.0.0/0']);
    const host = {
      run: () => Promise.reject(new Error('the script must not run')),
      dispose: () => Promise.resolve(),
    };
    await expect(
      applyFix(plan, { confirmed: true, riskAccepted: false }, { host, audit: null as never, operator: 'x' }),
    ).rejects.toThrow(FixConsentError);
  });

  it('refuses to export a risky value without the acceptance, and marks it when accepted', async () => {
    const plans = [await trustedHosts(['*.com'])];
    expect(() => exportFixPlan(plans, new Date(), { riskAccepted: false })).toThrow(/lowers security/);
    expect(exportFixPlan(plans, new Date(), { riskAccepted: true })).toContain('# RISK ACCEPTED');
  });
});
