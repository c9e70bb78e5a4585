import { z } from 'zod';

/** The Remote PowerShell readiness checks, in the order they are shown and reported. */
export const RemotingCheckId = z.enum([
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
]);
export type RemotingCheckId = z.infer<typeof RemotingCheckId>;

export const CheckArea = z.enum(['Remote PowerShell']);
export type CheckArea = z.infer<typeof CheckArea>;

export const CheckMetadata = z.object({
  id: RemotingCheckId,
  title: z.string(),
  area: CheckArea,
  description: z.string(),
});
export type CheckMetadata = z.infer<typeof CheckMetadata>;

const area = 'Remote PowerShell';

export const remotingCatalogue: readonly CheckMetadata[] = [
  {
    id: 'winrm.service',
    title: 'WinRM service',
    area,
    description: 'The Windows Remote Management service is running and starts automatically.',
  },
  {
    id: 'winrm.listener.https',
    title: 'WinRM HTTPS listener',
    area,
    description: 'An enabled WinRM listener accepts HTTPS on TCP 5986.',
  },
  {
    id: 'winrm.listener.cert',
    title: 'HTTPS listener certificate',
    area,
    description:
      "The listener's certificate is in LocalMachine\\My with its private key, is for Server Authentication, is valid for more than 30 days and names the server.",
  },
  {
    id: 'winrm.auth.cbt',
    title: 'Channel binding (CbtHardeningLevel)',
    area,
    description:
      'The WinRM service accepts the sync service: the integration asks for CbtHardeningLevel None, which turns off channel-binding protection.',
  },
  {
    id: 'psremoting.sessionconfig',
    title: 'microsoft.powershell permissions',
    area,
    description:
      'The microsoft.powershell session configuration allows Administrators or Remote Management Users and does not deny remote logons.',
  },
  {
    id: 'psremoting.serviceaccount',
    title: 'Sync service account access',
    area,
    description:
      'The sync service account is a member of Administrators or Remote Management Users (directly or through nested groups) and is not denied by the session configuration.',
  },
  {
    id: 'ad.delegation',
    title: 'Kerberos delegation',
    area,
    description:
      'The computer object allows the delegation the second connection of the sync service needs (the integration asks for TrustedForDelegation).',
  },
  {
    id: 'firewall.5986',
    title: 'Firewall rule for TCP 5986',
    area,
    description:
      'An enabled inbound rule allows TCP 5986 and no rule blocks it; its remote address scope is shown.',
  },
  {
    id: 'network.5986',
    title: 'TCP 5986 from the sync servers',
    area,
    description: 'Every sync server can open TCP 5986 to this Exchange server.',
  },
  {
    id: 'winrm.trustedhosts',
    title: 'TrustedHosts on the sync servers',
    area,
    description:
      'Each sync server\'s WinRM client TrustedHosts covers this Exchange server; "*" trusts every host.',
  },
  {
    id: 'winrm.trustedhosts.exchange',
    title: 'TrustedHosts on the Exchange server',
    area,
    description:
      'The Exchange server\'s own WinRM client TrustedHosts has no "*": with "*" the Exchange Management Shell negotiates instead of using Kerberos and fails to connect.',
  },
];

export function checkMetadata(id: RemotingCheckId): CheckMetadata {
  const found = remotingCatalogue.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`No catalogue entry for ${id}`);
  return found;
}
