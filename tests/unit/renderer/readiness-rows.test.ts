import { describe, expect, it } from 'vitest';
import type { CheckResult, CheckStatus } from '../../../shared/checks/check-result';
import { runReadiness, type ServerReadiness } from '../../../shared/readiness/run-readiness';
import { buildMatrix } from '../../../renderer/src/checks/matrix-model';
import { checkColumn } from '../../../renderer/src/checks/check-columns';
import { readinessRows, type ReadinessQuery } from '../../../renderer/src/readiness/run-verdicts';
import { readinessRank } from '../../../shared/readiness/readiness-verdict';

function result(checkId: string, status: CheckStatus): CheckResult {
  return { checkId, status, summary: `${checkId} is ${status}`, evidence: {}, references: [] };
}

const checks = ['winrm.service', 'winrm.auth.cbt', 'mfa.api'];
const all = (status: CheckStatus) => checks.map((id) => result(id, status));

// Four servers: one passes everything, one fails two checks, one fails one, one could not be reached.
const outcomes = [
  { fqdn: 'exch01.contoso.com', collection: 'collected' as const, results: all('pass') },
  {
    fqdn: 'exch02.contoso.com',
    collection: 'collected' as const,
    results: [result('winrm.service', 'fail'), result('winrm.auth.cbt', 'fail'), result('mfa.api', 'pass')],
  },
  {
    fqdn: 'exch03.contoso.com',
    collection: 'collected' as const,
    results: [result('winrm.service', 'fail'), result('winrm.auth.cbt', 'pass'), result('mfa.api', 'pass')],
  },
  {
    fqdn: 'exch05.contoso.com',
    collection: 'unreachable' as const,
    unreachableReason: 'unreachable: Kerberos authentication failed (kerberos)',
    results: all('unknown'),
  },
];
const servers: ServerReadiness[] = runReadiness(outcomes).servers;
const query = (patch: Partial<ReadinessQuery> = {}): ReadinessQuery => ({
  search: '',
  filter: 'all',
  sort: { key: 'overall', direction: 'ascending' },
  ...patch,
});
const names = (rows: readonly { fqdn: string }[]) => rows.map((row) => row.fqdn.split('.')[0]);

describe('readinessRows', () => {
  it('sorts worst first by default: not ready (most blocking first), then not checked, then ready', () => {
    expect(names(readinessRows(servers, query()))).toEqual(['exch02', 'exch03', 'exch05', 'exch01']);
  });

  it('never lists a server that was not checked as healthy, whichever way the column is sorted', () => {
    const descending = names(
      readinessRows(servers, query({ sort: { key: 'overall', direction: 'descending' } })),
    );
    expect(descending[0]).toBe('exch01');
    expect(descending.indexOf('exch05')).toBeGreaterThan(0);
    expect(names(readinessRows(servers, query({ filter: 'ready' })))).toEqual(['exch01']);
    expect(names(readinessRows(servers, query({ filter: 'not-checked' })))).toEqual(['exch05']);
  });

  it('sorts by an integration column and by name, and searches by name without regard to case', () => {
    const byMfa = names(
      readinessRows(servers, query({ sort: { key: 'MFA module', direction: 'ascending' } })),
    );
    expect(byMfa[0]).toBe('exch05');
    expect(
      names(readinessRows(servers, query({ sort: { key: 'server', direction: 'descending' } }))),
    ).toEqual(['exch05', 'exch03', 'exch02', 'exch01']);
    expect(names(readinessRows(servers, query({ search: ' EXCH0 3' })))).toEqual([]);
    expect(names(readinessRows(servers, query({ search: 'EXCH03' })))).toEqual(['exch03']);
  });

  it('carries the shared words for a server that could not be reached', () => {
    const exch05 = servers.find((server) => server.fqdn.startsWith('exch05'));
    expect(exch05?.overall.text).toBe('Not checked: unreachable: Kerberos authentication failed (kerberos)');
  });
});

describe('buildMatrix worst first', () => {
  const results = outcomes.map((outcome) => ({ fqdn: outcome.fqdn, results: outcome.results }));
  const columns = checks.map(checkColumn);
  const rank = new Map(servers.map((server) => [server.fqdn, readinessRank(server.overall)]));

  it('counts checks that could not be read as blocking: an unreachable server is never "0"', () => {
    const { rows } = buildMatrix(results, columns, { statusFilter: [], areaFilter: [], sort: 'server' });
    expect(rows.find((row) => row.fqdn.startsWith('exch05'))).toMatchObject({ failures: 0, blocking: 3 });
  });

  it('orders rows as the readiness list does, so an unreachable server sorts above one that passes', () => {
    const { rows } = buildMatrix(results, columns, {
      statusFilter: [],
      areaFilter: [],
      sort: 'failures',
      rank,
    });
    expect(names(rows)).toEqual(['exch02', 'exch03', 'exch05', 'exch01']);
  });
});
