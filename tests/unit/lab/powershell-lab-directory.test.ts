import { describe, expect, it } from 'vitest';
import { demoEstate, healthy } from '../../../electron/lab/demo-estate';
import { LabEstate } from '../../../electron/lab/lab-estate';
import { labDirectory } from '../../../electron/lab/powershell-lab-directory';

const sid = (rid: number) => `S-1-5-21-1-2-3-${rid}`;

const estate = LabEstate.parse({
  ...demoEstate,
  exchangeServers: [
    healthy(1, {
      remoteManagementUsers: [
        {
          name: 'CONTOSO\\Sync',
          sid: sid(10),
          objectClass: 'Group',
          principalSource: 'ActiveDirectory',
          via: [],
        },
        {
          name: 'CONTOSO\\Inner',
          sid: sid(11),
          objectClass: 'Group',
          principalSource: null,
          via: ['CONTOSO\\Sync'],
        },
        {
          name: 'FABRIKAM\\svc',
          sid: sid(12),
          objectClass: 'User',
          principalSource: null,
          via: ['CONTOSO\\Sync', 'CONTOSO\\Inner'],
        },
        {
          name: 'EXCH01\\local',
          sid: 'S-1-5-21-9-9-9-1001',
          objectClass: 'User',
          principalSource: 'Local',
          via: [],
        },
      ],
      failingParts: {
        adComputer: 'Exception calling "FindOne" with "0" argument(s): "The server is not operational."',
      },
    }),
    healthy(2, { adComputer: null }),
  ],
});

describe('the lab directory', () => {
  const directory = labDirectory(estate);
  const byName = (sam: string) => directory.principals.find((item) => item.samAccountName === sam);

  it('rebuilds nested groups from the via chains: a member belongs to the last group of its chain', () => {
    expect(byName('Sync')?.member).toEqual([byName('Inner')?.dn]);
    expect(byName('Inner')?.member).toEqual([byName('svc')?.dn]);
    expect(byName('svc')?.member).toEqual([]);
  });

  it('places another domain under its own naming context with a crossRef, and leaves local accounts out', () => {
    expect(byName('svc')?.dn).toBe('CN=svc,CN=Users,DC=fabrikam,DC=com');
    expect(directory.domains).toContainEqual({
      namingContext: 'DC=fabrikam,DC=com',
      netbiosName: 'FABRIKAM',
    });
    expect(directory.domains).toContainEqual({ namingContext: 'DC=contoso,DC=com', netbiosName: 'CONTOSO' });
    expect(byName('local')).toBeUndefined();
  });

  it('gives a failing adComputer part the .NET message PowerShell will wrap again, and a missing object none', () => {
    expect(directory.computers.map((computer) => computer.dnsHostName)).toEqual(['exch01.contoso.com']);
    expect(directory.computers[0]?.searchError).toBe('The server is not operational.');
    expect(directory.computers[0]?.samAccountName).toBe('EXCH01$');
  });
});
