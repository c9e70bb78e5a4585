import { describe, expect, it } from 'vitest';
import { applyLabFix } from '../../../electron/lab/lab-fix-effects';
import { LabEstate } from '../../../electron/lab/lab-estate';
import { healthy } from '../../../electron/lab/demo-estate';
import { remotingFixIds } from '../../../shared/checks/remoting-fix-ids';

// The lab's Enable-ExreadyRemoting decides as the script does: by SID from the SDDL, never from the Permission text.

const germanDefault =
  'NT-AUTORITÄT\\INTERAKTIV AccessAllowed, VORDEFINIERT\\Administratoren AccessAllowed, VORDEFINIERT\\Remoteverwaltungsbenutzer AccessAllowed';

function estateWith(sddl: string, permission: string) {
  return LabEstate.parse({
    name: 'reset',
    serviceAccount: 'CONTOSO\\svc-sync',
    jumpHost: 'jump01.contoso.com',
    syncServers: [],
    exchangeServers: [
      healthy(12, {
        sessionConfigurations: [{ name: 'microsoft.powershell', permission, sddl, enabled: true }],
      }),
    ],
  });
}

const reset = (estate: LabEstate) =>
  applyLabFix(estate, remotingFixIds.sessionConfigurationReset, { server: 'exch12.contoso.com' }).result;

describe('lab psremoting.sessionconfig.reset', () => {
  it('leaves a healthy German server alone', () => {
    const result = reset(
      estateWith(
        'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
        germanDefault,
      ),
    );
    expect(result.status).toBe('unchanged');
  });

  it('resets a German server whose DACL denies NETWORK', () => {
    const result = reset(
      estateWith(
        'O:NSG:BAD:P(D;;GA;;;NU)(A;;GA;;;BA)(A;;GA;;;RM)',
        `NT-AUTORITÄT\\NETZWERK AccessDenied, ${germanDefault}`,
      ),
    );
    expect(result.status).toBe('applied');
  });

  it('refuses to reset permissions it cannot read', () => {
    expect(reset(estateWith('O:NSG:BAD:P(A;;GA;;;BA', germanDefault)).status).toBe('refused');
  });
});
