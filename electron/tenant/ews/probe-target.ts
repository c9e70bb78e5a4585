import type { EwsFacts } from '../../../shared/tenant/ews/ews-facts';
import type { EwsTarget } from './collect-ews-facts';
import type { EwsProbeOptions } from './ews-probe-options';

/** The probe's options for the ERP target, live or replayed: the app's last change comes from the Graph reads. */
export function probeOptionsFor(
  tenant: string,
  target: EwsTarget,
  facts: EwsFacts,
): Omit<EwsProbeOptions, 'secret'> {
  const changedAt = facts.application.state === 'read' ? facts.application.value.createdDateTime : null;
  return {
    tenant,
    clientId: target.clientId,
    flow: target.flow,
    mailbox: target.mailbox,
    ...(target.account === null ? {} : { account: target.account }),
    ...(changedAt === null || changedAt === undefined ? {} : { appChangedAt: new Date(changedAt) }),
  };
}
