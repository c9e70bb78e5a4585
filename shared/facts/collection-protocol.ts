import { z } from 'zod';
import { Fqdn } from '../domain/hostname';
import { MfaCollectionParameters } from './mfa-facts';

// The contract between the collection scripts (resources/powershell/collect) and the runner:
// what goes in as the one base64 JSON argument, and the JSON lines that come back.

/** Parameters of Invoke-ExreadyCollection.ps1, sent as -ParametersBase64 (base64 of this JSON). */
export const CollectionRequest = z.object({
  runId: z.uuid(),
  exchangeServers: z.array(Fqdn).min(1),
  syncServers: z.array(Fqdn),
  serviceAccount: z.string().min(1).nullable(),
  /** Invoke-Command -ThrottleLimit. */
  throttle: z.number().int().min(1).max(256).default(16),
  /** Per-server connection budget (New-PSSessionOption -OpenTimeout/-OperationTimeout), seconds. */
  timeoutSeconds: z.number().int().min(5).max(3600).default(120),
  /** What the MFA area reads on each Exchange server (profile data); absent: the area is skipped. */
  mfa: MfaCollectionParameters.optional(),
});
export type CollectionRequest = z.infer<typeof CollectionRequest>;

/** An error record as the scripts print it: kept as data, classified in TypeScript. */
export const ErrorRecordData = z.object({
  message: z.string(),
  fullyQualifiedErrorId: z.string().nullable(),
  category: z.string().nullable(),
  /** e.g. the WinRM error code 0x80090311, or the HRESULT of the exception, as printed. */
  errorCode: z.string().nullable(),
  exceptionType: z.string().nullable(),
});
export type ErrorRecordData = z.infer<typeof ErrorRecordData>;

/**
 * One line of collection output. `kind`:
 * - server-facts: `data` is one Exchange server's raw facts (PS 5.1 JSON, normalised later);
 * - sync-facts: `data` is one sync server's client facts (TrustedHosts) and its TCP tests;
 * - jumphost-facts: `data` is what the jump host itself read (AD computer facts, the local groups' domain groups, the service account's SID, its TCP tests);
 * - server-error: the server could not be reached or the script failed there (`data` is an ErrorRecordData);
 * - warning: a warning record (`data` is its message);
 * - done: the last line of a run, `data` counts what was sent.
 */
export const CollectionLine = z.object({
  exready: z.literal(1),
  runId: z.string(),
  kind: z.enum(['server-facts', 'sync-facts', 'jumphost-facts', 'server-error', 'warning', 'done']),
  /** The server the line is about; null for jump-host lines and `done`. */
  server: z.string().nullable(),
  data: z.unknown(),
});
export type CollectionLine = z.infer<typeof CollectionLine>;
