import { z } from 'zod';
import { CheckResult, CheckStatus } from '../checks/check-result';
import { RemotingCheckId } from '../checks/remoting-catalogue';
import { Fqdn } from '../domain/hostname';
import { OperationId } from '../domain/operation';
import { ServiceAccount } from '../domain/service-account';
import { HopErrorFacts, HopOutcome, ProofHopId } from './proof-result';
import { WebProbeResult } from './web-probe-result';

// What the window asks of a proof and what it gets back: the IPC contract of prove:connection and prove:web.

const ProofLab = z.enum(['demo']).nullable();

/** The second hop's endpoint: an http:// or https:// URL; null is http://<exchange>/PowerShell. */
const SecondHopUri = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/, message: 'is not an http:// or https:// URL' }));

export const ConnectionProofRequest = z
  .object({
    operationId: OperationId,
    exchangeServer: Fqdn,
    syncServer: Fqdn,
    serviceAccount: ServiceAccount,
    /** Typed for this proof only: held in memory, never logged, audited or answered back. */
    password: z.string().max(1024).default(''),
    secondHop: SecondHopUri.nullable().default(null),
    lab: ProofLab.default(null),
  })
  // A lab proof is simulated and asks for none; a real one cannot sign in without it.
  .refine((request) => request.lab !== null || request.password !== '', {
    path: ['password'],
    message: "the service account's password is required for a real proof",
  });
export type ConnectionProofRequest = z.output<typeof ConnectionProofRequest>;

export const ProvedHop = z.object({
  hop: ProofHopId,
  target: z.string(),
  outcome: HopOutcome,
  durationMs: z.number().nonnegative(),
  error: HopErrorFacts.nullable(),
  failure: z
    .object({
      id: z.string(),
      label: z.string(),
      remedy: z.string(),
      predictedBy: z.array(z.string()),
    })
    .nullable(),
});
export type ProvedHop = z.infer<typeof ProvedHop>;

export const ProofNote = z.object({
  checkId: RemotingCheckId,
  checkStatus: CheckStatus,
  relation: z.enum(['confirms', 'contradicts']),
  hop: ProofHopId,
  text: z.string(),
});
export type ProofNote = z.infer<typeof ProofNote>;

export const ConnectionProofAnswer = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('proved'),
    auditId: z.number().int(),
    simulated: z.boolean(),
    outcome: z.enum(['succeeded', 'failed']),
    exchangeServer: z.string(),
    syncServer: z.string(),
    serviceAccount: z.string(),
    hops: z.array(ProvedHop),
    exchangeServerSeen: z
      .object({ name: z.string(), fqdn: z.string().nullable(), version: z.string().nullable() })
      .nullable(),
    delegation: z.object({
      kind: z.enum(['unconstrained', 'constrained', 'resource-based', 'none', 'unknown']),
      secondHop: z.enum(['works', 'denied', 'untested']),
      text: z.string(),
    }),
    delegationVerdict: CheckResult.nullable(),
    notes: z.array(ProofNote),
  }),
  /** The proof did not run to an outcome: why, in words (the password masked). */
  z.object({
    kind: z.enum(['refused', 'could-not-run', 'not-in-lab']),
    auditId: z.number().int(),
    error: z.string(),
  }),
]);
export type ConnectionProofAnswer = z.infer<typeof ConnectionProofAnswer>;

export const WebProofRequest = z.object({
  operationId: OperationId,
  server: Fqdn,
  lab: ProofLab.default(null),
});

export const WebProofAnswer = z.object({
  auditId: z.number().int(),
  summary: z.string(),
  result: WebProbeResult,
});
export type WebProofAnswer = z.infer<typeof WebProofAnswer>;
