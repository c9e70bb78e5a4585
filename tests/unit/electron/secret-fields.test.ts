import { describe, expect, it } from 'vitest';
import { redactSecretValues, secretValuesOf } from '../../../electron/ipc/secret-fields';

describe('the secret fields of IPC requests', () => {
  it('finds the probe secret and the stored secret value, even in a request that will be refused', () => {
    expect(secretValuesOf('tenant:check-ews', { source: 'lab', probe: { secret: 'Q~abc' } })).toEqual([
      'Q~abc',
    ]);
    expect(secretValuesOf('tenant:check-ews', { source: 'nowhere', probe: { secret: 'Q~abc' } })).toEqual([
      'Q~abc',
    ]);
    expect(secretValuesOf('secrets:set', { name: 'MONOSIGN_API_KEY', value: 'k-123' })).toEqual(['k-123']);
    // The service account's password typed for a proof.
    expect(secretValuesOf('prove:connection', { exchangeServer: 'x', password: 'Pw-1' })).toEqual(['Pw-1']);
    // Nothing to find: no probe, a non-string, another channel's field of the same name.
    expect(secretValuesOf('tenant:check-ews', { source: 'lab', probe: null })).toEqual([]);
    expect(secretValuesOf('tenant:check-ews', { probe: { secret: 42 } })).toEqual([]);
    expect(secretValuesOf('inventory:import-csv', { value: 'not a secret here' })).toEqual([]);
    expect(secretValuesOf('tenant:check-ews', 'probe')).toEqual([]);
  });

  it('replaces every occurrence, the longer secret first so a secret inside another leaves nothing behind', () => {
    expect(redactSecretValues('a=pass b=pass', ['pass'])).toBe('a=[secret] b=[secret]');
    expect(redactSecretValues('x=password1', ['pass', 'password1'])).toBe('x=[secret]');
    expect(redactSecretValues('untouched', [])).toBe('untouched');
  });
});
