import type { CheckResult } from '../../shared/checks/check-result';
import type { Collected } from '../../shared/facts/collected';
import type { CollectedServerFacts, ServerFacts, SyncServerFacts } from '../../shared/facts/server-facts';
import type { IntegrationProfile } from '../../shared/integrations/integration-profile';
import type { DelegationProof } from '../../shared/prove/proof-findings';

/** What a rule knows besides the server's facts; time is passed in so rules stay pure. */
export interface EvaluationContext {
  now: Date;
  /** The account the sync service connects with, e.g. CONTOSO\svc-sync; null when not set in the inventory. */
  serviceAccount: string | null;
  /** Its SID as the jump host translated it; absent in older facts (members are then matched by name). */
  serviceAccountSid?: Collected<string>;
  /** The sync servers with their client-side facts (TrustedHosts). */
  syncServers: readonly SyncServerFacts[];
  exchangeServers: readonly string[];
  /** The MFA integration the run collected for; absent: the MFA checks are not evaluated. */
  mfaProfile?: IntegrationProfile;
  /** Every server of the run, for the checks that compare servers (same DLL version and settings everywhere). */
  peers?: readonly ServerFacts[];
  /** What Remote PowerShell proofs showed of the second hop; absent: ad.delegation judges the facts alone. */
  provedDelegation?: readonly ProvedDelegation[];
}

/** A proof's verdict on the second hop of one Exchange server, with when it ran. */
export interface ProvedDelegation extends DelegationProof {
  at: string;
  syncServer: string;
  simulated: boolean;
}

export type RemotingRule = (facts: CollectedServerFacts, context: EvaluationContext) => CheckResult;
