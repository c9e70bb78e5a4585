import { describe, expect, it } from 'vitest';
import { decodeFactsFile, parseSavedFacts } from '../../../electron/facts/saved-facts-reader';
import { FactsParseError } from '../../../electron/powershell/ps51-json';
import { evaluateServer } from '../../../electron/checks/evaluate-server';
import { ServerFacts, type CollectedServerFacts } from '../../../shared/facts/server-facts';
import type { SavedFacts } from '../../../shared/facts/saved-facts';
import { notCollected, testContext } from '../../helpers/remoting-facts';
import { readSampleEstateBytes } from '../../helpers/sample-estate';

const text = decodeFactsFile(readSampleEstateBytes());

function collectedServer(saved: SavedFacts, fqdn: string): CollectedServerFacts {
  const server = saved.servers.find((item) => item.fqdn === fqdn);
  if (server?.status !== 'collected') throw new Error(`${fqdn} is not a collected server`);
  return server;
}

describe('the recorded sample estate (PowerShell 5.1 JSON)', () => {
  it('is raw PowerShell 5.1 output: BOM, CRLF, escaped dates, enum numbers, collapsed arrays', () => {
    const bytes = readSampleEstateBytes();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const raw = bytes.toString('utf8');
    expect(raw).toContain('\r\n');
    expect(raw).toContain('"collectedAt":  "\\/Date(1740830280000)\\/"');
    expect(raw).toMatch(/"status":\s+4,/);
    expect(raw).toMatch(/"dnsNames":\s+"exch01\.contoso\.com"/);
  });

  it('is accepted by the normaliser and the schema, with every quirk absorbed', () => {
    const saved = parseSavedFacts(text, 'sample-estate.json');
    expect(saved.collectedAt).toBe('2025-03-01T11:58:00.000Z');
    expect(saved.servers.map((server) => `${server.fqdn}:${server.status}`)).toEqual([
      'exch01.contoso.com:collected',
      'exch02.contoso.com:collected',
      'exch03.contoso.com:collected',
      'exch04.contoso.com:unreachable',
    ]);
    const exch01 = collectedServer(saved, 'exch01.contoso.com');
    expect(exch01.winrmService).toEqual({
      status: 'collected',
      value: { status: 'Running', startType: 'Automatic' },
    });
    expect(exch01.listeners.status === 'collected' && exch01.listeners.value[1]).toMatchObject({
      port: 5986,
      enabled: true,
    });
    expect(exch01.certificates.status === 'collected' && exch01.certificates.value[0]).toMatchObject({
      dnsNames: ['exch01.contoso.com'],
      notAfter: '2026-01-01T00:00:00.000Z',
    });
    expect(exch01.firewallRules.status === 'collected' && exch01.firewallRules.value[0]).toMatchObject({
      enabled: true,
      direction: 'Inbound',
      action: 'Allow',
      profiles: ['Domain'],
    });
    const exch02 = collectedServer(saved, 'exch02.contoso.com');
    expect(exch02.localGroups.remoteManagementUsers).toEqual({ status: 'collected', value: [] });
    expect(
      exch02.localGroups.administrators.status === 'collected' &&
        exch02.localGroups.administrators.value[3]?.via,
    ).toEqual(['CONTOSO\\Exchange Sync Admins']);
    expect(exch02.adComputer.status).toBe('not-collected');
  });

  it('reads the same facts from a UTF-16 file, as Windows PowerShell 5.1 `>` writes it', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(text.replace(/^\ufeff/, ''), 'utf16le'),
    ]);
    expect(parseSavedFacts(decodeFactsFile(utf16), 'facts.json')).toEqual(
      parseSavedFacts(text, 'facts.json'),
    );
  });

  it('names the file, the server and the field when one server holds a bad value', () => {
    const broken = text.replace('"status":  1,', '"status":  "Sleeping",');
    let error: unknown;
    try {
      parseSavedFacts(broken, 'facts.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FactsParseError);
    expect((error as FactsParseError).message).toMatch(
      /^facts\.json: server exch03\.contoso\.com, \$\.servers\[2\]\.winrmService\.value\.status: .*\(got "Sleeping"\)/,
    );
  });

  it('rejects facts of another schema version at $.schemaVersion', () => {
    expect(() =>
      parseSavedFacts(text.replace('"schemaVersion":  1,', '"schemaVersion":  2,'), 'facts.json'),
    ).toThrow(/facts\.json: \$\.schemaVersion: /);
  });
});

describe('facts that could not be collected', () => {
  it('can say "not collected, with the error" for every part, and every rule then answers unknown', () => {
    const error = 'The WinRM client cannot process the request.';
    const facts = ServerFacts.parse({
      schemaVersion: 1,
      fqdn: 'exch05.contoso.com',
      collectedAt: '2025-03-01T11:59:00Z',
      status: 'collected',
      winrmService: notCollected(error),
      listeners: notCollected(error),
      serviceAuth: notCollected(error),
      sessionConfigurations: notCollected(error),
      localGroups: { administrators: notCollected(error), remoteManagementUsers: notCollected(error) },
      certificates: notCollected(error),
      firewallRules: notCollected(error),
      adComputer: notCollected(error),
      trustedHosts: notCollected(error),
      reachability: [{ from: 'sync01.contoso.com', origin: 'sync-server', probes: notCollected(error) }],
    });
    const context = testContext({
      syncServers: [{ fqdn: 'sync01.contoso.com', trustedHosts: notCollected(error) }],
    });
    const results = evaluateServer(facts, context);
    expect(results.map((result) => result.status)).toEqual(Array(11).fill('unknown'));
    expect(results.filter((result) => result.summary.includes(error))).toHaveLength(11);
  });
});
