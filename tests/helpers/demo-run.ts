import type { AuditEntry } from '../../shared/audit/audit-entry';
import type { LabEstate } from '../../electron/lab/lab-estate';
import { demoEstate } from '../../electron/lab/demo-estate';
import { simulateCollection } from '../../electron/lab/simulate-collection';
import { assembleFacts } from '../../electron/facts/facts-assembler';
import { runCheck } from '../../electron/services/check-run-service';
import { functionCollectionSource } from '../../electron/services/collection-source';
import type { SavedRun } from '../../electron/storage/run-history';

// The demo lab checked in-process, as `exready check --lab demo` does, kept as a saved run for the report tests.

export const demoNow = new Date('2026-11-22T10:00:00Z');
export const knownSecret = 'Zq7-API-SECRET-value-91';
export const secretFieldValue = 'field-secret-3f9c1a';

export async function demoRun(
  estate: LabEstate = demoEstate,
  now: Date = demoNow,
  runId = '00000000-0000-4000-8000-000000000001',
): Promise<SavedRun> {
  const outcome = await runCheck(
    {
      exchangeServers: estate.exchangeServers.map((server) => server.fqdn),
      syncServers: estate.syncServers.map((server) => server.fqdn),
      serviceAccount: estate.serviceAccount,
    },
    {
      source: functionCollectionSource((request) => simulateCollection(estate, request, now)),
      assemble: (input) => ({ ...assembleFacts(input), simulated: true }),
      now: () => now,
      newRunId: () => runId,
    },
    { signal: new AbortController().signal },
  );
  return {
    schemaVersion: 1,
    runId,
    sequence: 0,
    savedAt: now.toISOString(),
    evaluatedAt: outcome.evaluatedAt.toISOString(),
    savedFacts: outcome.savedFacts,
    results: outcome.results,
  };
}

/** The demo run with a known secret in a summary, a remedy and an evidence value, and a secret-named evidence field. */
export function withInjectedSecrets(run: SavedRun): SavedRun {
  const [first, ...rest] = run.results;
  if (first === undefined) throw new Error('the demo run has no server');
  const [check, ...others] = first.results;
  if (check === undefined) throw new Error('the demo run has no check');
  return {
    ...run,
    results: [
      {
        ...first,
        results: [
          {
            ...check,
            summary: `${check.summary} (warning: MONOSIGN_API_SECRET=${knownSecret})`,
            remedy: `Run Set-Thing -Secret ${knownSecret}`,
            evidence: {
              ...check.evidence,
              message: `token ${knownSecret} rejected`,
              apiKey: secretFieldValue,
            },
          },
          ...others,
        ],
      },
      ...rest,
    ],
  };
}

export const demoAuditEntries: AuditEntry[] = [
  {
    schemaVersion: 1,
    id: 1,
    at: '2026-11-20T09:00:00.000Z',
    operator: 'CONTOSO\\admin',
    server: 'exch02.contoso.com',
    action: 'winrm.service.automatic',
    parameters: {},
    before: 'Manual',
    after: 'Automatic',
    outcome: 'succeeded',
    error: null,
    undoes: null,
    simulated: true,
    lab: null,
  },
  {
    schemaVersion: 1,
    id: 2,
    at: '2026-11-23T09:00:00.000Z',
    operator: 'CONTOSO\\admin',
    server: 'exch03.contoso.com',
    action: 'winrm.listener.https.create',
    parameters: {},
    before: null,
    after: null,
    outcome: 'failed',
    error: 'Access is denied.',
    undoes: null,
    simulated: true,
    lab: null,
  },
];
