import type { SavedRun } from '../../../shared/runs/run-records';

export type FixParameters = Record<string, string | boolean | string[]>;

/** Fixes that first need a certificate chosen from the server's LocalMachine\My store. */
export function needsCertificate(fixId: string): 'create' | 'replace' | null {
  if (fixId === 'winrm.listener.https.create') return 'create';
  if (fixId === 'winrm.listener.cert.replace') return 'replace';
  return null;
}

/**
 * The parameters a fix is previewed with, from what the run knows; anything still wrong is named by main's
 * preview (it validates the parameters) and shown to the admin.
 */
export function defaultFixParameters(fixId: string, run: SavedRun): FixParameters {
  switch (fixId) {
    case 'winrm.auth.cbt.set-none':
      return { level: 'None' };
    case 'psremoting.serviceaccount.add-to-remote-management-users':
      return run.savedFacts.context.serviceAccount === null
        ? {}
        : { account: run.savedFacts.context.serviceAccount };
    case 'firewall.5986.allow':
      return { remoteAddresses: run.savedFacts.context.syncServers.map((server) => server.fqdn) };
    default:
      return {};
  }
}
