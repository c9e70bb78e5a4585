import type { CheckResult } from '../../../shared/checks/check-result';
import type { ReadinessVerdict } from '../../../shared/readiness/readiness-verdict';
import { ewsCheckIds, type EwsCheckId } from '../../../shared/tenant/ews/ews-check-ids';
import { ewsCheckTitles } from '../../../shared/tenant/ews/ews-references';
import type { CheckColumn } from '../checks/check-columns';

// The Exchange Online mail section's model: pure, so its words and order are unit-tested without a window.

const integration = 'Exchange Online mail';

/** The estate line beside the servers' and the tenant's: the ERP's verdict, or why there is none yet. */
export function ewsEstateLine(
  verdict: Pick<ReadinessVerdict, 'kind' | 'text'> | null,
  whyNot: string,
): Pick<ReadinessVerdict, 'kind' | 'text'> {
  if (verdict === null) return { kind: 'not-checked', text: `${integration}: Not checked: ${whyNot}` };
  return { kind: verdict.kind, text: `${integration}: ${verdict.text}` };
}

const isEwsCheckId = (id: string): id is EwsCheckId => (ewsCheckIds as readonly string[]).includes(id);

export function ewsColumn(id: string): CheckColumn {
  const title = isEwsCheckId(id) ? ewsCheckTitles[id] : id;
  return { id, title, shortTitle: title, area: integration };
}

// Blocking first, as the server details order them; the catalogue's order within a status.
const order = { fail: 0, unknown: 1, warn: 2, pass: 3, 'n/a': 4 } as const;
const position = (id: string) => (ewsCheckIds as readonly string[]).indexOf(id);

export function ewsResultsInOrder(results: readonly CheckResult[]): CheckResult[] {
  return [...results].sort(
    (a, b) => order[a.status] - order[b.status] || position(a.checkId) - position(b.checkId),
  );
}

/** Why the ERP has no verdict on screen yet, in the estate line's words. */
export function ewsWhyNot(state: {
  simulated: boolean;
  hasErp: boolean;
  hasTenant: boolean;
  signedIn: boolean;
  checking: boolean;
  error: string | null;
}): string {
  if (state.error !== null) return state.error;
  if (state.checking) return state.simulated ? 'reading the demo ERP' : 'reading the tenant';
  if (state.simulated) return 'the demo ERP was not read';
  if (!state.hasErp) return 'the inventory names no ERP';
  if (!state.hasTenant) return 'the inventory names no tenant';
  if (!state.signedIn) return 'not signed in';
  return 'not read yet';
}

/** What the probe's password field asks for: the account's password (delegated) or the app's client secret. */
export function probeSecretLabel(flow: 'delegated' | 'app-only', account: string | null): string {
  return flow === 'delegated'
    ? `Password of ${account ?? 'the ERP account'}`
    : 'Client secret of the ERP app (its value, not its id)';
}
