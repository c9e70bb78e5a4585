import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { locateJsonSyntaxError } from '../../../electron/powershell/json-syntax-position';
import {
  FactsParseError,
  normalizePs51Json,
  parsePs51JsonText,
} from '../../../electron/powershell/ps51-json';
import { CertificateFacts } from '../../../shared/facts/certificate-facts';
import { collected } from '../../../shared/facts/collected';
import { FirewallProfileStateFacts, FirewallRuleFacts } from '../../../shared/facts/firewall-facts';
import { LocalGroupMemberFacts } from '../../../shared/facts/local-group-facts';
import { WinrmListenerFacts, WinrmServiceFacts } from '../../../shared/facts/winrm-facts';

const origin = 'exch01.contoso.com';

// ConvertTo-Json writes dates as "\/Date(ms)\/": the escaped slashes are in the text, not in the parsed string.
function ps51Text(value: unknown): string {
  return JSON.stringify(value).replaceAll('"/Date(', '"\\/Date(').replaceAll(')/"', ')\\/"');
}

function caught(run: () => unknown): FactsParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof FactsParseError) return error;
    throw error;
  }
  throw new Error('expected a FactsParseError');
}

const certificateJson = {
  thumbprint: '6A8D7E5537D441190FD72C7C2E879A064072CE0F',
  subject: 'CN=exch01.contoso.com',
  dnsNames: 'exch01.contoso.com',
  notBefore: '/Date(1735689600000)/',
  notAfter: '/Date(1767225600000+0100)/',
  hasPrivateKey: true,
  enhancedKeyUsages: '1.3.6.1.5.5.7.3.1',
};

describe('normalizePs51Json: arrays', () => {
  const Certificates = z.array(CertificateFacts);

  it('puts a one-element array that PowerShell collapsed back into an array, at any depth', () => {
    const [certificate] = parsePs51JsonText(ps51Text(certificateJson), Certificates, { origin });
    expect(certificate?.dnsNames).toEqual(['exch01.contoso.com']);
    expect(certificate?.enhancedKeyUsages).toEqual(['1.3.6.1.5.5.7.3.1']);
  });

  it('reads $null where a list is expected as an empty list', () => {
    expect(normalizePs51Json(null, Certificates, { origin })).toEqual([]);
    const member = normalizePs51Json(
      {
        name: 'CONTOSO\\svc-sync',
        sid: null,
        objectClass: 'User',
        principalSource: 'ActiveDirectory',
        via: null,
      },
      LocalGroupMemberFacts,
      { origin },
    );
    expect(member.via).toEqual([]);
  });

  it('unwraps an array that carries extended type data ({"value":[...],"Count":n})', () => {
    const wrapped = { value: ['10.20.0.11', '10.20.0.12'], Count: 2 };
    expect(normalizePs51Json(wrapped, z.array(z.string()), { origin })).toEqual(['10.20.0.11', '10.20.0.12']);
  });

  it('keeps a real two-element array as it is', () => {
    expect(normalizePs51Json(['a', 'b'], z.array(z.string()), { origin })).toEqual(['a', 'b']);
  });
});

describe('normalizePs51Json: dates', () => {
  it('turns \\/Date(ms)\\/ into an ISO instant, with or without a zone offset', () => {
    const [certificate] = parsePs51JsonText(ps51Text([certificateJson]), z.array(CertificateFacts), {
      origin,
    });
    expect(certificate?.notBefore).toBe('2025-01-01T00:00:00.000Z');
    // The milliseconds are UTC; +0100 only names the zone of the machine that wrote them.
    expect(certificate?.notAfter).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads dates before 1970 and the Get-Date object form', () => {
    const schema = z.object({ a: z.iso.datetime(), b: z.iso.datetime() });
    const value = normalizePs51Json(
      {
        a: '/Date(-157766400000)/',
        b: {
          value: '/Date(1740830400000)/',
          DisplayHint: 2,
          DateTime: 'Saturday, March 1, 2025 12:00:00 PM',
        },
      },
      schema,
      { origin },
    );
    expect(value).toEqual({ a: '1965-01-01T00:00:00.000Z', b: '2025-03-01T12:00:00.000Z' });
  });
});

describe('normalizePs51Json: enums and WSMan text', () => {
  it('names ServiceControllerStatus and ServiceStartMode numbers', () => {
    expect(normalizePs51Json({ status: 4, startType: 2 }, WinrmServiceFacts, { origin })).toEqual({
      status: 'Running',
      startType: 'Automatic',
    });
    expect(normalizePs51Json({ status: 1, startType: 4 }, WinrmServiceFacts, { origin })).toEqual({
      status: 'Stopped',
      startType: 'Disabled',
    });
    expect(
      normalizePs51Json({ status: 'running', startType: 'MANUAL' }, WinrmServiceFacts, { origin }),
    ).toEqual({
      status: 'Running',
      startType: 'Manual',
    });
  });

  it('names the NetSecurity numbers of a firewall rule and decodes the profile bit mask', () => {
    const rule = {
      name: 'WINRM-HTTPS-In-TCP',
      displayName: 'Windows Remote Management (HTTPS-In)',
      enabled: 1,
      direction: 1,
      action: 2,
      protocol: 'TCP',
      localPorts: '5986',
      remoteAddresses: 'Any',
      profiles: 3,
    };
    expect(normalizePs51Json(rule, FirewallRuleFacts, { origin })).toMatchObject({
      enabled: true,
      direction: 'Inbound',
      action: 'Allow',
      localPorts: ['5986'],
      remoteAddresses: ['Any'],
      profiles: ['Domain', 'Private'],
    });
    expect(
      normalizePs51Json({ ...rule, enabled: 2, direction: 2, action: 4, profiles: 0 }, FirewallRuleFacts, {
        origin,
      }),
    ).toMatchObject({
      enabled: false,
      direction: 'Outbound',
      action: 'Block',
      profiles: ['Any'],
    });
    expect(
      normalizePs51Json({ ...rule, profiles: 'Domain, Public' }, FirewallRuleFacts, { origin }).profiles,
    ).toEqual(['Domain', 'Public']);
  });

  it('names the rule origin and interface types, and the GpoBoolean and action of a profile', () => {
    const rule = {
      name: 'GPO-WinRM',
      displayName: null,
      enabled: 1,
      direction: 1,
      action: 2,
      protocol: 'TCP',
      localPorts: 'Any',
      remoteAddresses: 'Any',
      profiles: 1,
      policyStoreSourceType: 2,
      policyStoreSource: 'RSOP',
      program: 'System',
      package: null,
      service: 'Any',
      interfaceAliases: 'Any',
      interfaceTypes: 3,
    };
    expect(normalizePs51Json(rule, FirewallRuleFacts, { origin })).toMatchObject({
      policyStoreSourceType: 'GroupPolicy',
      interfaceAliases: ['Any'],
      interfaceTypes: ['Wired', 'Wireless'],
    });
    expect(
      normalizePs51Json({ ...rule, policyStoreSourceType: 1, interfaceTypes: 0 }, FirewallRuleFacts, {
        origin,
      }),
    ).toMatchObject({ policyStoreSourceType: 'Local', interfaceTypes: ['Any'] });
    const profile = (enabled: number, action: number) =>
      normalizePs51Json(
        { name: 'Domain', enabled, defaultInboundAction: action },
        FirewallProfileStateFacts,
        {
          origin,
        },
      );
    expect(profile(0, 4)).toEqual({ name: 'Domain', enabled: false, defaultInboundAction: 'Block' });
    expect(profile(1, 2)).toEqual({ name: 'Domain', enabled: true, defaultInboundAction: 'Allow' });
    expect(profile(2, 0)).toEqual({ name: 'Domain', enabled: null, defaultInboundAction: 'NotConfigured' });
  });

  it('reads the numbers and booleans WSMan hands over as text', () => {
    const listener = {
      address: '*',
      transport: 'HTTPS',
      port: '5986',
      hostname: 'exch01.contoso.com',
      enabled: 'true',
      certificateThumbprint: 'AB',
    };
    expect(normalizePs51Json(listener, WinrmListenerFacts, { origin })).toEqual({
      ...listener,
      port: 5986,
      enabled: true,
      source: null,
    });
  });

  it('does not read a status number as a boolean or a boolean number as an enum elsewhere', () => {
    const error = caught(() =>
      normalizePs51Json(
        {
          address: '*',
          transport: 'HTTPS',
          port: 5986,
          hostname: null,
          enabled: 1,
          certificateThumbprint: null,
          source: null,
        },
        WinrmListenerFacts,
        { origin },
      ),
    );
    expect(error.issues[0]?.path).toBe('$.enabled');
  });
});

describe('normalizePs51Json: nulls, missing fields and errors', () => {
  it('reads a missing nullable property as null, a missing required one as an error naming its path', () => {
    const listener = normalizePs51Json(
      { address: '*', transport: 'HTTP', port: 5985, enabled: true },
      WinrmListenerFacts,
      { origin },
    );
    expect(listener).toMatchObject({ hostname: null, certificateThumbprint: null, source: null });
    const error = caught(() =>
      normalizePs51Json({ address: '*', transport: 'HTTP', enabled: true }, WinrmListenerFacts, { origin }),
    );
    expect(error.message).toMatch(/^exch01\.contoso\.com: \$\.port: /);
  });

  it('names the server and the JSON path of a bad field deep in collected facts, with the value it got', () => {
    const Listeners = collected(z.array(WinrmListenerFacts));
    const raw = {
      status: 'collected',
      value: [{ address: '*', transport: 'HTTPS', port: '59x6', enabled: 'true' }],
    };
    const error = caught(() => normalizePs51Json(raw, Listeners, { origin }));
    expect(error.issues[0]).toMatchObject({ path: '$.value[0].port' });
    expect(error.message).toContain('exch01.contoso.com: $.value[0].port:');
    expect(error.message).toContain('(got "59x6")');
  });

  it('rejects an enum number it does not know instead of guessing', () => {
    const error = caught(() => normalizePs51Json({ status: 9, startType: 2 }, WinrmServiceFacts, { origin }));
    expect(error.issues.map((issue) => issue.path)).toEqual(['$.status']);
  });

  it('explains a list that ConvertTo-Json flattened because -Depth was too small', () => {
    const error = caught(() =>
      normalizePs51Json(
        { status: 'collected', value: 'System.Object[]' },
        collected(z.array(WinrmListenerFacts)),
        { origin },
      ),
    );
    expect(error.message).toContain('larger -Depth');
  });

  it('gives line and column of a JSON syntax error, after a UTF-8 BOM', () => {
    const error = caught(() =>
      parsePs51JsonText('\ufeff{\r\n    "status":  4,\r\n    "startType":  2,\r\n}', WinrmServiceFacts, {
        origin,
      }),
    );
    expect(error.position).toEqual({ line: 4, column: 1 });
    expect(error.message).toMatch(/^exch01\.contoso\.com:4:1: /);
  });
});

describe('locateJsonSyntaxError', () => {
  it('finds the first offending character whatever JSON.parse says', () => {
    expect(locateJsonSyntaxError('{\n  "servers": [\n}\n')).toEqual({ line: 3, column: 1 });
    expect(locateJsonSyntaxError('{"a": "tab\there"}')).toEqual({ line: 1, column: 11 });
    expect(locateJsonSyntaxError('{"a": 01}')).toEqual({ line: 1, column: 8 });
    expect(locateJsonSyntaxError('{"a": [1, 2]')).toEqual({ line: 1, column: 13 });
    expect(locateJsonSyntaxError('{"a": "\\/Date(1)\\/", "b": [true, null, -1.5e3]}')).toBeNull();
  });
});
