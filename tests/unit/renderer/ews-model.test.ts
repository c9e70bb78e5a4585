import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../shared/checks/check-result';
import {
  ewsColumn,
  ewsEstateLine,
  ewsResultsInOrder,
  ewsWhyNot,
  probeSecretLabel,
} from '../../../renderer/src/tenant/ews-model';

const result = (checkId: string, status: CheckResult['status']): CheckResult => ({
  checkId,
  status,
  summary: `${checkId} ${status}`,
  evidence: {},
  references: [],
});

describe('the Exchange Online mail section model', () => {
  it('words the estate line with the shared verdict, or why there is none yet', () => {
    expect(ewsEstateLine({ kind: 'not-ready', text: 'Not ready: 2 blocking' }, '')).toEqual({
      kind: 'not-ready',
      text: 'Exchange Online mail: Not ready: 2 blocking',
    });
    expect(ewsEstateLine(null, 'not signed in')).toEqual({
      kind: 'not-checked',
      text: 'Exchange Online mail: Not checked: not signed in',
    });
  });

  it('says first what is missing for a live check: the ERP, then the tenant, then the sign-in', () => {
    const state = {
      simulated: false,
      hasErp: false,
      hasTenant: false,
      signedIn: false,
      checking: false,
      error: null,
    };
    expect(ewsWhyNot(state)).toBe('the inventory names no ERP');
    expect(ewsWhyNot({ ...state, hasErp: true })).toBe('the inventory names no tenant');
    expect(ewsWhyNot({ ...state, hasErp: true, hasTenant: true })).toBe('not signed in');
    expect(ewsWhyNot({ ...state, checking: true })).toBe('reading the tenant');
    expect(ewsWhyNot({ ...state, error: 'tenant: not signed in' })).toBe('tenant: not signed in');
    expect(ewsWhyNot({ ...state, simulated: true })).toBe('the demo ERP was not read');
  });

  it('orders the checks blocking first, the catalogue order within a status, and titles them', () => {
    const ordered = ewsResultsInOrder([
      result('ews.retirement', 'warn'),
      result('ews.probe', 'unknown'),
      result('ews.app', 'pass'),
      result('ews.enabled', 'fail'),
      result('ews.app.secret', 'fail'),
      result('ews.account.passwordflow', 'n/a'),
    ]);
    expect(ordered.map((entry) => entry.checkId)).toEqual([
      'ews.app.secret',
      'ews.enabled',
      'ews.probe',
      'ews.retirement',
      'ews.app',
      'ews.account.passwordflow',
    ]);
    expect(ewsColumn('ews.probe')).toMatchObject({
      title: 'End-to-end token and EWS probe',
      area: 'Exchange Online mail',
    });
  });

  it('asks for the password of the delegated account, or the client secret value of an app-only ERP', () => {
    expect(probeSecretLabel('delegated', 'erp@contoso.com')).toBe('Password of erp@contoso.com');
    expect(probeSecretLabel('app-only', null)).toBe('Client secret of the ERP app (its value, not its id)');
  });
});
