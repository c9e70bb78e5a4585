import { describe, expect, it } from 'vitest';
import { readCollectionOutput } from '../../../electron/facts/collection-line-reader';
import { assembleSavedFacts } from '../../../electron/facts/facts-assembler';
import { evaluateSavedFacts } from '../../../electron/checks/evaluate-estate';
import type { CollectionRequest } from '../../../shared/facts/collection-protocol';
import { demoEstate } from '../../../electron/lab/demo-estate';
import { collectionText, simulateCollection } from '../../../electron/lab/simulate-collection';

const now = new Date('2026-03-01T10:00:00.000Z');
const request: CollectionRequest = {
  runId: '3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b',
  exchangeServers: demoEstate.exchangeServers.map((server) => server.fqdn),
  syncServers: demoEstate.syncServers.map((server) => server.fqdn),
  serviceAccount: demoEstate.serviceAccount,
  throttle: 16,
  timeoutSeconds: 120,
};

// The whole path the real script's output takes: stdout text -> reader -> assembler (PS 5.1 normaliser) -> rules.
function runDemo() {
  const text = collectionText(simulateCollection(demoEstate, request, now));
  const output = readCollectionOutput(text);
  const assembled = assembleSavedFacts({
    request,
    lines: output.lines.map((item) => item.line),
    collectedAt: now,
  });
  const statuses = new Map(
    evaluateSavedFacts(assembled.facts, now).map((server) => [
      server.fqdn,
      Object.fromEntries(server.results.map((result) => [result.checkId, result.status])),
    ]),
  );
  return { text, output, assembled, statuses };
}

describe('the demo lab, through the same path as a real collection', () => {
  const { text, output, assembled, statuses } = runDemo();

  it('prints PowerShell 5.1 JSON quirks: escaped dates, enum numbers, WSMan text, collapsed arrays', () => {
    expect(text).toMatch(/"collectedAt":"\\\/Date\(\d+\)\\\/"/);
    expect(text).toContain('"winrmService":{"status":"collected","value":{"status":4,"startType":2}}');
    expect(text).toContain('"port":"5986"');
    expect(text).toContain('"dnsNames":"exch01.contoso.com"');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('reads cleanly and assembles valid facts without problems', () => {
    expect(output.noise).toEqual([]);
    expect(output.malformed).toEqual([]);
    expect(output.lines.at(-1)?.line).toMatchObject({
      kind: 'done',
      data: { serverFacts: 5, syncFacts: 2, errors: 2, warnings: 1 },
    });
    expect(assembled.problems).toEqual([]);
    expect(assembled.facts.servers).toHaveLength(8);
  });

  it('gives every status across the estate', () => {
    const seen = new Set([...statuses.values()].flatMap((checks) => Object.values(checks)));
    expect([...seen].sort()).toEqual(['fail', 'n/a', 'pass', 'unknown', 'warn']);
  });

  it('exch01 passes every check', () => {
    expect(Object.values(statuses.get('exch01.contoso.com') ?? {}).every((status) => status === 'pass')).toBe(
      true,
    );
  });

  it('exch02 warns on start type, near-expiry certificate, Relaxed CBT, Private-only rule, constrained delegation and its own TrustedHosts "*"', () => {
    expect(statuses.get('exch02.contoso.com')).toMatchObject({
      'winrm.service': 'warn',
      'winrm.listener.cert': 'warn',
      'winrm.auth.cbt': 'warn',
      'firewall.5986': 'warn',
      'ad.delegation': 'warn',
      'winrm.trustedhosts.exchange': 'warn',
    });
    const exch02 = assembled.facts.servers.find((server) => server.fqdn === 'exch02.contoso.com');
    expect(exch02?.status === 'collected' ? exch02.trustedHosts : null).toEqual({
      status: 'collected',
      value: { value: '*', source: null },
    });
  });

  it('exch03 fails, with the Group Policy source of CBT kept', () => {
    expect(statuses.get('exch03.contoso.com')).toMatchObject({
      'winrm.service': 'fail',
      'winrm.listener.https': 'fail',
      'winrm.listener.cert': 'n/a',
      'winrm.auth.cbt': 'fail',
      'psremoting.serviceaccount': 'fail',
      'ad.delegation': 'fail',
      'firewall.5986': 'fail',
      'network.5986': 'fail',
    });
    const exch03 = assembled.facts.servers.find((server) => server.fqdn === 'exch03.contoso.com');
    expect(exch03?.status === 'collected' ? exch03.serviceAuth : null).toEqual({
      status: 'collected',
      value: { cbtHardeningLevel: 'Strict', cbtHardeningLevelSource: 'GPO' },
    });
  });

  it('exch04 fails on its expired certificate and the NETWORK AccessDenied entry', () => {
    expect(statuses.get('exch04.contoso.com')).toMatchObject({
      'winrm.listener.cert': 'fail',
      'psremoting.sessionconfig': 'fail',
    });
  });

  it('names why exch05, exch06 and exch07 could not be reached', () => {
    const causes = assembled.facts.servers.flatMap((server) =>
      server.status === 'unreachable' ? [`${server.fqdn}:${server.failure.cause}`] : [],
    );
    expect(causes).toEqual([
      'exch05.contoso.com:kerberos',
      'exch06.contoso.com:tcp-timeout',
      'exch07.contoso.com:unknown',
    ]);
  });

  it('exch08 is unknown where a cmdlet failed, passes through the nested group, and fails where a sync server times out', () => {
    expect(statuses.get('exch08.contoso.com')).toMatchObject({
      'winrm.listener.cert': 'unknown',
      'ad.delegation': 'unknown',
      'psremoting.serviceaccount': 'pass',
      'network.5986': 'fail',
    });
  });

  it('follows the clock: the near-expiry certificate of exch02 is expired 20 days later', () => {
    const later = new Date(now.getTime() + 20 * 86_400_000);
    const lines = simulateCollection(demoEstate, request, now);
    const facts = assembleSavedFacts({ request, lines, collectedAt: now }).facts;
    const exch02 = evaluateSavedFacts(facts, later).find((server) => server.fqdn === 'exch02.contoso.com');
    expect(exch02?.results.find((result) => result.checkId === 'winrm.listener.cert')?.status).toBe('fail');
  });
});
