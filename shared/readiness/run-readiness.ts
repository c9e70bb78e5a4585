import type { CheckResult } from '../checks/check-result';
import { type ConnectionFailureCause, connectionFailureText } from '../facts/connection-failure';
import type { ServerFacts } from '../facts/server-facts';
import { type EstateReadiness, estateReadiness } from './estate-summary';
import { type Integration, onPremisesIntegrations } from './integration';
import {
  type ReadinessVerdict,
  serverReadiness,
  type ServerOutcome,
  worstVerdict,
} from './readiness-verdict';

export interface ServerReadiness {
  fqdn: string;
  verdicts: ReadinessVerdict[];
  /** The worst of the verdicts: the one word the server list shows. */
  overall: ReadinessVerdict;
}

export interface RunReadiness {
  servers: ServerReadiness[];
  estate: EstateReadiness[];
}

// The cause text ends "could not be reached because …"; after "unreachable:" the unknown one needs its own words.
const unreachableText = (cause: ConnectionFailureCause): string =>
  cause === 'unknown' ? 'an unrecognised error' : connectionFailureText(cause);

/** A server's outcome for the verdicts: its results, and why it is unreachable when it is. */
export function serverOutcome(
  facts: ServerFacts | undefined,
  fqdn: string,
  results: readonly CheckResult[],
): ServerOutcome {
  if (facts === undefined)
    return { fqdn, collection: 'unreachable', unreachableReason: 'no facts were collected', results };
  if (facts.status === 'unreachable')
    return {
      fqdn,
      collection: 'unreachable',
      unreachableReason: `unreachable: ${unreachableText(facts.failure.cause)} (${facts.failure.cause})`,
      results,
    };
  return { fqdn, collection: 'collected', results };
}

/** Per-server verdicts and the estate lines, the same for the window, the CLI and every report. */
export function runReadiness(
  outcomes: readonly ServerOutcome[],
  integrations: readonly Integration[] = onPremisesIntegrations,
): RunReadiness {
  const servers = outcomes.map((outcome) => {
    const verdicts = serverReadiness(outcome, integrations);
    const overall = worstVerdict(verdicts);
    if (overall === undefined) throw new Error('runReadiness needs at least one integration');
    return { fqdn: outcome.fqdn, verdicts, overall };
  });
  const all = servers.flatMap((server) => server.verdicts);
  return { servers, estate: integrations.map((integration) => estateReadiness(integration, all)) };
}
