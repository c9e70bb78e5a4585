import type { CheckResult } from '../../checks/check-result';
import type { RecordedResponse } from '../recorded-responses';
import type { EwsCheckId } from './ews-check-ids';
import type { ProbeCodeKind } from './ews-probe-classify';

/** Where the probe stopped when it did not reach the inbox; not-recorded: a replay lacked the answer. */
export type ProbeStage = 'token' | 'ews' | 'network' | 'not-recorded' | 'cancelled';

export interface ProbeFailure {
  stage: ProbeStage;
  kind: ProbeCodeKind | 'network' | 'not-recorded' | 'cancelled';
  /** The code that decided it: "7000215", "403", "ErrorAccessDenied", "ECONNREFUSED". */
  code: string;
  /** The readiness check the admin looks at next. */
  check: EwsCheckId;
  cause: string;
}

/** What `runEwsProbe` returns: the `ews.probe` verdict plus what a support case needs. */
export interface EwsProbeOutcome {
  /** checkId `ews.probe`: pass (inbox read), fail (classified), unknown (transient or unreachable). */
  result: CheckResult;
  /** success: read first time; propagation: read after retrying a 401/403 right after consent. */
  classification: 'success' | 'propagation' | 'failed';
  failure?: ProbeFailure;
  /** Number of end-to-end attempts (more than one only while waiting for propagation). */
  attempts: number;
  /** The exchanges in the recorded-responses format: access token masked, request secrets never kept. */
  recorded: RecordedResponse[];
}
