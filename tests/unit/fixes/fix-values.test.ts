import { describe, expect, it } from 'vitest';
import { isIpv4, isIpv6, parseFirewallAddress } from '../../../shared/fixes/fix-values';

describe('address forms the firewall fix takes', () => {
  it.each(['::', '::1', '2001:db8::1', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8', '1::8', 'fe80::1:2:3:4:5:6'])(
    'reads %s as IPv6',
    (value) => expect(isIpv6(value)).toBe(true),
  );

  it.each([
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    'fe80::1%eth0',
    ':::',
    '1:2:3:4:5:6:7',
    '12345::',
    '::ffff:10.0.0.256',
    'g::1',
  ])('refuses %s as IPv6', (value) => expect(isIpv6(value)).toBe(false));

  it.each([
    ['10.0.0.1', true],
    ['255.255.255.255', true],
    ['10.0.0', false],
    ['010.0.0.1', false],
    ['10.0.0.1 ', false],
  ])('IPv4 %j is %s', (value, valid) => expect(isIpv4(value)).toBe(valid));

  it('reads subnets, masks, ranges and keywords, and nothing else', () => {
    expect(parseFirewallAddress('10.0.0.0/8')).toMatchObject({ kind: 'subnet', prefix: 8, bits: 32 });
    expect(parseFirewallAddress('10.0.0.0/255.255.255.0')).toMatchObject({ kind: 'subnet', prefix: 24 });
    expect(parseFirewallAddress('2001:db8::/32')).toMatchObject({ kind: 'subnet', prefix: 32, bits: 128 });
    expect(parseFirewallAddress('10.0.0.1-10.0.0.9')).toMatchObject({ kind: 'range' });
    expect(parseFirewallAddress('localsubnet')).toEqual({ kind: 'keyword', text: 'LocalSubnet' });
    expect(parseFirewallAddress('*')).toEqual({ kind: 'keyword', text: 'Any' });
    for (const bad of [
      'sync01.contoso.com',
      '10.0.0.0/',
      '10.0.0.0/129',
      '2001:db8::/129',
      '10.0.0.1-',
      'Anywhere',
    ])
      expect(parseFirewallAddress(bad), bad).toBeNull();
  });
});
