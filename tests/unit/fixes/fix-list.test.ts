import { describe, expect, it } from 'vitest';
import { findFix, fixCatalogue } from '../../../shared/fixes/fix-catalogue';
import { fixListing, fixListingText, fixParameterInfo } from '../../../shared/fixes/fix-list';

const fix = (id: string) => {
  const found = findFix(id);
  if (found === undefined) throw new Error(`no fix ${id}`);
  return found;
};

// The list is read from each fix's zod schema: a parameter added, renamed or made required shows up here.
describe('fix parameters from the zod schemas', () => {
  it('every fix has a listing, and every listed parameter is one its schema accepts', () => {
    for (const definition of fixCatalogue) {
      const listing = fixListing(definition);
      expect(listing.id).toBe(definition.id);
      expect(listing.risk).toBe(definition.risk);
      for (const parameter of listing.parameters) {
        const result = definition.parameters.safeParse({ [parameter.name]: 'x' });
        const unknownKey = result.success
          ? false
          : result.error.issues.some((issue) => issue.code === 'unrecognized_keys');
        expect(unknownKey, `${definition.id} ${parameter.name}`).toBe(false);
        expect(parameter.description, `${definition.id} ${parameter.name}`).not.toBe('');
      }
    }
  });

  it('names required, optional and defaulted parameters with their types', () => {
    expect(
      fixParameterInfo(fix('winrm.listener.https.create')).map((p) => [p.name, p.type, p.required]),
    ).toEqual([
      ['thumbprint', 'text', false],
      ['selfSigned', 'true|false', false],
      ['hostname', 'text', false],
    ]);
    expect(fixParameterInfo(fix('winrm.listener.cert.replace'))).toEqual([
      {
        name: 'thumbprint',
        type: 'text',
        required: true,
        default: null,
        description: 'the new certificate in LocalMachine\\My, 40 hex digits',
      },
    ]);
    expect(fixParameterInfo(fix('winrm.auth.cbt.set-none'))[0]).toMatchObject({
      type: 'None|Relaxed|Strict',
      required: false,
      default: 'None',
    });
    expect(fixParameterInfo(fix('firewall.5986.allow'))[0]).toMatchObject({
      name: 'remoteAddresses',
      type: 'list of text, comma-separated',
      required: true,
    });
  });

  it('prints a fix as text, one line per parameter', () => {
    expect(fixListingText(fixListing(fix('winrm.auth.cbt.set-none')))).toBe(
      [
        'winrm.auth.cbt.set-none: Set the WinRM CbtHardeningLevel',
        '    turns green winrm.auth.cbt; risk: LOWERS SECURITY; undoable: yes',
        `    exposes: ${fix('winrm.auth.cbt.set-none').exposes ?? ''}`,
        '    --param level=<None|Relaxed|Strict>  (default None) the CbtHardeningLevel to set',
      ].join('\n'),
    );
    const trustedHosts = fixListing(fix('winrm.trustedhosts.add-server'));
    expect(trustedHosts).toMatchObject({ risk: 'none', riskDependsOnValues: true });
    expect(fixListingText(trustedHosts)).toContain(
      'risk: none, unless the values lower security; undoable: yes\n    lowers security when: TrustedHosts "*"',
    );
    expect(fixListing(fix('winrm.service.start-automatic')).riskDependsOnValues).toBe(false);
    expect(fixListingText(fixListing(fix('psremoting.sessionconfig.reset')))).toContain(
      'undoable: no\n    parameters: none',
    );
  });
});
