import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../shared/checks/check-result';
import {
  attestableChecks,
  attestationDraft,
  isAttested,
  tenantColumn,
  tenantEstateLine,
  tenantAreas,
  tenantHeading,
  tenantMatrix,
  tenantResultGroups,
  tenantStatusLabel,
  tenantWhyNot,
  validateAttestation,
} from '../../../renderer/src/tenant/tenant-model';

const check = (checkId: string, status: CheckResult['status'], evidence: CheckResult['evidence'] = {}) =>
  ({ checkId, status, summary: `${checkId} ${status}`, evidence, references: [] }) satisfies CheckResult;

describe('the Microsoft 365 section model', () => {
  it('words the estate line from the shared verdict, or says why there is none', () => {
    expect(tenantEstateLine({ kind: 'not-ready', text: 'Not ready: 3 blocking (1 not read)' }, '')).toEqual({
      kind: 'not-ready',
      text: 'Microsoft 365: Not ready: 3 blocking (1 not read)',
    });
    expect(tenantEstateLine({ kind: 'ready', text: 'Ready' }, '').text).toBe('Microsoft 365: Ready');
    expect(tenantEstateLine(null, 'not signed in')).toEqual({
      kind: 'not-checked',
      text: 'Microsoft 365: Not checked: not signed in',
    });
  });

  it('says why the tenant has no verdict: error first, then reading, the demo, no tenant, no sign-in', () => {
    const base = { simulated: false, hasTenant: true, signedIn: true, checking: false, error: null };
    expect(tenantWhyNot({ ...base, error: 'Graph refused', checking: true })).toBe('Graph refused');
    expect(tenantWhyNot({ ...base, checking: true, simulated: true })).toBe('reading the demo tenant');
    expect(tenantWhyNot({ ...base, hasTenant: false, signedIn: false })).toBe(
      'the inventory names no tenant',
    );
    expect(tenantWhyNot({ ...base, signedIn: false })).toBe('not signed in');
  });

  it('groups the checks by area in the order an admin fixes them, blocking first, empty areas left out', () => {
    const groups = tenantResultGroups([
      check('m365.securitydefaults', 'pass'),
      check('m365.provisioning.secret', 'warn'),
      check('m365.sspr', 'unknown'),
      check('m365.provisioning.app', 'pass'),
      check('m365.provisioning.permissions', 'fail'),
      check('m365.peruser.mfa', 'fail'),
    ]);
    expect(groups.map((group) => [group.area, group.results.map((result) => result.checkId)])).toEqual([
      [
        'Provisioning app',
        ['m365.provisioning.permissions', 'm365.provisioning.secret', 'm365.provisioning.app'],
      ],
      ['MFA and password reset', ['m365.peruser.mfa', 'm365.sspr', 'm365.securitydefaults']],
    ]);
    expect(tenantColumn('m365.domain.federation')).toMatchObject({
      title: 'Federated domain',
      area: 'Federated domain',
    });
  });

  it('shows an attested SSPR as "Attested (not read)", never as pass, and only for an unknown attestable check', () => {
    const attested = check('m365.sspr', 'unknown', { attestation: '{"attestedBy":"WINGTIP\\\\adm"}' });
    const unread = check('m365.sspr', 'unknown', { attestation: null });
    expect(isAttested(attested)).toBe(true);
    expect(tenantStatusLabel(attested)).toBe('Attested (not read)');
    expect(isAttested(unread)).toBe(false);
    expect(tenantStatusLabel(unread)).toBeUndefined();
    // A read pass, or another check, is never "attested" whatever its evidence says.
    expect(isAttested(check('m365.sspr', 'pass', { attestation: 'x' }))).toBe(false);
    expect(isAttested(check('m365.registration', 'unknown', { attestation: 'x' }))).toBe(false);
    expect(
      attestableChecks([attested, check('m365.registration', 'unknown'), check('m365.sspr', 'fail')]),
    ).toEqual([attested]);
  });

  it('fills the form from the operator and now, and validates it as main does, naming each field', () => {
    const draft = attestationDraft('CONTOSO\\adm-jdoe', new Date(2026, 11, 2, 8, 5));
    expect(draft).toEqual({ attestedBy: 'CONTOSO\\adm-jdoe', attestedAt: '2026-12-02T08:05', observed: '' });
    expect(validateAttestation('m365.sspr', draft)).toEqual({
      ok: false,
      errors: { observed: 'what the portal showed is required' },
    });
    expect(validateAttestation('m365.sspr', { attestedBy: ' ', attestedAt: '', observed: 'None' })).toEqual({
      ok: false,
      errors: { attestedBy: 'who looked is required', attestedAt: 'a date and time is required' },
    });
    const valid = validateAttestation('m365.sspr', { ...draft, observed: ' Enabled = None ' });
    expect(valid).toEqual({
      ok: true,
      value: {
        checkId: 'm365.sspr',
        attestedBy: 'CONTOSO\\adm-jdoe',
        attestedAt: new Date(2026, 11, 2, 8, 5).toISOString(),
        observed: 'Enabled = None',
      },
    });
  });

  it('labels the demo tenant SIMULATED in its heading', () => {
    expect(tenantHeading({ tenant: 'wingtip.onmicrosoft.com', simulated: true })).toBe(
      'wingtip.onmicrosoft.com (SIMULATED)',
    );
    expect(tenantHeading({ tenant: 'contoso.onmicrosoft.com', simulated: false })).toBe(
      'contoso.onmicrosoft.com',
    );
  });

  it('puts the tenant in the matrix as one row labelled as the tenant, its checks in contract order, filtered like the servers', () => {
    const outcome = {
      tenant: 'fabrikam.onmicrosoft.com',
      simulated: true,
      verdict: { kind: 'not-ready' as const, text: 'Not ready: 2 blocking (1 not read)' },
      results: [
        check('m365.domain.federation', 'pass'),
        check('m365.sspr', 'unknown'),
        check('m365.provisioning.app', 'fail'),
        check('m365.securitydefaults', 'warn'),
      ],
    };
    const all = tenantMatrix(outcome, { statusFilter: [], areaFilter: [] });
    expect(all.columns.map((column) => [column.id, column.shortTitle, column.area])).toEqual([
      ['m365.provisioning.app', 'App', 'Provisioning app'],
      ['m365.securitydefaults', 'Sec. defaults', 'MFA and password reset'],
      ['m365.sspr', 'SSPR', 'MFA and password reset'],
      ['m365.domain.federation', 'Federation', 'Federated domain'],
    ]);
    expect(all.rows).toHaveLength(1);
    expect(all.rows[0]).toMatchObject({
      fqdn: 'fabrikam.onmicrosoft.com',
      label: 'fabrikam.onmicrosoft.com (SIMULATED)',
      verdict: 'Not ready: 2 blocking (1 not read)',
      blocking: 2,
      warnings: 1,
    });
    expect(all.rows[0]?.cells.map((cell) => cell?.status)).toEqual(['fail', 'warn', 'unknown', 'pass']);
    // The servers' filters apply: a status the tenant lacks leaves no row; a server area leaves no column.
    expect(tenantMatrix(outcome, { statusFilter: ['n/a'], areaFilter: [] }).rows).toEqual([]);
    expect(tenantMatrix(outcome, { statusFilter: [], areaFilter: ['WinRM'] }).columns).toEqual([]);
    expect(
      tenantMatrix(outcome, { statusFilter: [], areaFilter: ['Federated domain'] }).columns.map((c) => c.id),
    ).toEqual(['m365.domain.federation']);
    expect(tenantAreas(outcome.results)).toEqual([
      'Provisioning app',
      'MFA and password reset',
      'Federated domain',
    ]);
  });
});
