import { describe, expect, it } from 'vitest';
import { evaluateSavedFacts } from '../../../electron/checks/evaluate-estate';
import { evaluateServer } from '../../../electron/checks/evaluate-server';
import { decodeFactsFile, parseSavedFacts } from '../../../electron/facts/saved-facts-reader';
import { CheckResult } from '../../../shared/checks/check-result';
import { remotingCatalogue } from '../../../shared/checks/remoting-catalogue';
import { defaultRemedyFor } from '../../../shared/facts/connection-failure';
import type { UnreachableServerFacts } from '../../../shared/facts/server-facts';
import { readyServerFacts, testContext, testNow } from '../../helpers/remoting-facts';
import { readSampleEstateBytes, sampleEstatePath } from '../../helpers/sample-estate';

const catalogueOrder = [
  'winrm.service',
  'winrm.listener.https',
  'winrm.listener.cert',
  'winrm.auth.cbt',
  'psremoting.sessionconfig',
  'psremoting.serviceaccount',
  'ad.delegation',
  'firewall.5986',
  'network.5986',
  'winrm.trustedhosts',
  'winrm.trustedhosts.exchange',
];

describe('evaluateServer', () => {
  it('returns the eleven checks in catalogue order, all passing on a ready server', () => {
    const results = evaluateServer(readyServerFacts(), testContext());
    expect(remotingCatalogue.map((entry) => entry.id)).toEqual(catalogueOrder);
    expect(results.map((result) => result.checkId)).toEqual(catalogueOrder);
    expect(results.map((result) => result.status)).toEqual(Array(11).fill('pass'));
  });

  it('marks the two security-lowering settings the integration asks for as accepted risks', () => {
    const results = evaluateServer(readyServerFacts(), testContext());
    expect(
      results.filter((result) => result.acceptedRisk !== undefined).map((result) => result.checkId),
    ).toEqual(['winrm.auth.cbt', 'ad.delegation']);
  });

  it('answers unknown for every check of an unreachable server, with cause and remedy in each summary', () => {
    const unreachable: UnreachableServerFacts = {
      schemaVersion: 1,
      fqdn: 'exch09.contoso.com',
      collectedAt: '2025-03-01T11:59:00.000Z',
      status: 'unreachable',
      failure: {
        cause: 'kerberos',
        message: 'WinRM cannot process the request: 0x80090322',
        remedy: defaultRemedyFor('kerberos'),
      },
    };
    const results = evaluateServer(unreachable, testContext());
    expect(results.map((result) => result.checkId)).toEqual(catalogueOrder);
    for (const result of results) {
      expect(result.status).toBe('unknown');
      expect(result.summary).toContain('Kerberos authentication failed (kerberos)');
      expect(result.summary).toContain('HTTP/<fqdn> service principal name');
      expect(result.evidence).toEqual({
        cause: 'kerberos',
        message: 'WinRM cannot process the request: 0x80090322',
      });
    }
  });

  it("produces results that satisfy the shared CheckResult schema, citing Microsoft's documentation or issue trackers", () => {
    for (const result of evaluateServer(readyServerFacts(), testContext())) {
      expect(CheckResult.parse(result)).toEqual(result);
      expect(result.references.length).toBeGreaterThan(0);
      expect(
        result.references.every(
          (url) =>
            url.startsWith('https://learn.microsoft.com/') || url.startsWith('https://github.com/microsoft/'),
        ),
      ).toBe(true);
    }
  });
});

describe('the recorded sample estate', () => {
  const saved = parseSavedFacts(decodeFactsFile(readSampleEstateBytes()), sampleEstatePath);
  const byServer = Object.fromEntries(
    evaluateSavedFacts(saved, testNow).map((server) => [
      server.fqdn,
      Object.fromEntries(server.results.map((result) => [result.checkId, result.status])),
    ]),
  );

  it('passes the ready server everywhere, and is unknown on the TrustedHosts this older file never recorded', () => {
    const { 'winrm.trustedhosts.exchange': ownTrustedHosts, ...others } =
      byServer['exch01.contoso.com'] ?? {};
    expect(Object.values(others)).toEqual(Array(10).fill('pass'));
    expect(ownTrustedHosts).toBe('unknown');
  });

  it('warns on the expiring certificate and Relaxed CBT, and is unknown where AD was not read', () => {
    expect(byServer['exch02.contoso.com']).toMatchObject({
      'winrm.listener.cert': 'warn',
      'winrm.auth.cbt': 'warn',
      'ad.delegation': 'unknown',
      'firewall.5986': 'pass',
    });
  });

  it('fails the broken server check by check', () => {
    expect(byServer['exch03.contoso.com']).toEqual({
      'winrm.service': 'fail',
      'winrm.listener.https': 'fail',
      'winrm.listener.cert': 'n/a',
      'winrm.auth.cbt': 'fail',
      'psremoting.sessionconfig': 'fail',
      'psremoting.serviceaccount': 'fail',
      'ad.delegation': 'fail',
      'firewall.5986': 'fail',
      'network.5986': 'fail',
      'winrm.trustedhosts': 'fail',
      'winrm.trustedhosts.exchange': 'unknown',
    });
  });

  it('leaves the unreachable server unknown', () => {
    expect(new Set(Object.values(byServer['exch04.contoso.com'] ?? {}))).toEqual(new Set(['unknown']));
  });
});
