import { describe, expect, it } from 'vitest';
import { describeServiceAccountProblem } from '../../../shared/domain/service-account';

describe('describeServiceAccountProblem', () => {
  it.each([
    'CONTOSO\\svc-monosync',
    'contoso.local\\svc',
    'svc-monosync@contoso.com',
    'first.last@eu.contoso.com',
  ])('accepts %s', (value) => expect(describeServiceAccountProblem(value)).toBeNull());

  it.each([
    ['svc-monosync', 'is not DOMAIN\\name or name@domain'],
    ['CONTOSO\\', 'invalid account name ""'],
    ['CONTOSO\\svc:sync', 'invalid account name'],
    ['CONTOSO\\averyveryverylongaccountname', 'invalid account name'],
    ['\\svc', 'invalid domain ""'],
    ['svc@contoso', 'invalid domain "contoso"'],
    ['', 'is empty'],
  ])('refuses %j: %s', (value, reason) => expect(describeServiceAccountProblem(value)).toContain(reason));
});
