import { isSecretSettingKey } from '../../shared/integrations/desired-settings';
import type { IntegrationProfile } from '../../shared/integrations/integration-profile';
import type { SavedRun } from '../../shared/runs/run-records';
import { decodeConfig } from './config-encoding';
import { displayLines } from './secret-display';
import { readWebConfig } from './webconfig-reader';

type ServerFacts = SavedRun['savedFacts']['servers'][number];
type WebConfigFacts = Extract<ServerFacts, { status: 'collected' }>['mfa'];

/** One collected web.config as the window may see it: secret values masked; unreadable content withheld. */
function maskedWebConfig(
  base64: string,
  profile: IntegrationProfile,
  knownSecrets: readonly string[],
): { base64: string } | { error: string } {
  try {
    const { text } = decodeConfig(Buffer.from(base64, 'base64'));
    const lines = displayLines(readWebConfig(text), (key) => isSecretSettingKey(profile, key), knownSecrets);
    return { base64: Buffer.from(lines.join('\n'), 'utf8').toString('base64') };
  } catch (error) {
    return { error: `not shown in the window: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function maskedMfa(
  mfa: WebConfigFacts,
  profile: IntegrationProfile,
  knownSecrets: readonly string[],
): WebConfigFacts {
  if (mfa?.status !== 'collected') return mfa;
  return {
    ...mfa,
    value: {
      ...mfa.value,
      apps: mfa.value.apps.map((app) => {
        if (app.webConfig.status !== 'collected') return app;
        // The sealed bytes never cross to the window: only main opens them, to plan.
        const { sealed: _sealed, ...file } = app.webConfig.value;
        const masked = maskedWebConfig(file.base64, profile, knownSecrets);
        return {
          ...app,
          webConfig:
            'error' in masked
              ? { status: 'not-collected' as const, error: masked.error }
              : // The hash stays the server's: it names the file on the server, which the window never edits.
                { status: 'collected' as const, value: { ...file, base64: masked.base64 } },
        };
      }),
    },
  };
}

/**
 * A saved run as it crosses to the window: the web.config bytes the collection read hold the MFA API
 * key and secret in clear, so their values are masked; the run file and every verdict stay as they are.
 */
export function runForWindow(
  run: SavedRun,
  profile: IntegrationProfile,
  knownSecrets: readonly string[] = [],
): SavedRun {
  return {
    ...run,
    savedFacts: {
      ...run.savedFacts,
      servers: run.savedFacts.servers.map((server) =>
        server.status !== 'collected' || server.mfa === undefined
          ? server
          : { ...server, mfa: maskedMfa(server.mfa, profile, knownSecrets) },
      ),
    },
  };
}
