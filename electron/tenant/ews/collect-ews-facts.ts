import {
  collectionOf,
  ConditionalAccessPolicy,
  Domain,
  exchangeOnlineAppId,
  GraphUser,
  HomeRealmDiscoveryPolicy,
  MfaRequirements,
  SecurityDefaultsPolicy,
} from '../../../shared/tenant/graph-shapes';
import type { CheckResult } from '../../../shared/checks/check-result';
import type { EwsFlow } from '../../../shared/tenant/ews/ews-check-ids';
import type { EwsAccountFacts, EwsFacts } from '../../../shared/tenant/ews/ews-facts';
import { exoSettingsNotRead, type ExoSettingsRead } from '../../../shared/tenant/ews/exo-settings';
import { collectAppConsentFacts, graphV1, tenantRequests, toRead } from '../collect-tenant-facts';
import type { GraphReader } from '../graph-reader';

/** What the ews.* checks are about: the inventory's Exchange Online mail section, plus what the admin supplied. */
export interface EwsTarget {
  clientId: string;
  flow: EwsFlow;
  mailbox: string;
  /** Delegated only: the ERP account's user principal name. */
  account: string | null;
  exo?: ExoSettingsRead;
  probe?: CheckResult | null;
}

/** The Graph requests of the ews.* checks beyond the m365 ones; each unknown verdict names its request. */
export const ewsRequests = {
  user: (upn: string) => `${graphV1}/users/${encodeURIComponent(upn)}?$select=id,userPrincipalName`,
  homeRealmDiscoveryPolicies: `${graphV1}/policies/homeRealmDiscoveryPolicies`,
  appHomeRealmDiscoveryPolicies: (spId: string) =>
    `${graphV1}/servicePrincipals/${spId}/homeRealmDiscoveryPolicies`,
};

async function accountFacts(reader: GraphReader, upn: string, spId: string | null): Promise<EwsAccountFacts> {
  const domainName = upn.slice(upn.lastIndexOf('@') + 1).toLowerCase();
  const user = toRead(await reader.get(ewsRequests.user(upn)), GraphUser);
  const mfa =
    user.state === 'read'
      ? toRead(await reader.get(tenantRequests.mfaRequirements(user.value.id)), MfaRequirements)
      : null;
  return {
    upn,
    domainName,
    domain: toRead(await reader.get(tenantRequests.domain(domainName)), Domain),
    user,
    mfa,
    homeRealmDiscoveryPolicies: toRead(
      await reader.getAll(ewsRequests.homeRealmDiscoveryPolicies),
      collectionOf(HomeRealmDiscoveryPolicy),
    ),
    appHomeRealmDiscoveryPolicies:
      spId === null
        ? null
        : toRead(
            await reader.getAll(ewsRequests.appHomeRealmDiscoveryPolicies(spId)),
            collectionOf(HomeRealmDiscoveryPolicy),
          ),
  };
}

/** The read-only snippet's command line for this app and mailbox: parameters as one base64 JSON argument. */
export function exoSnippetCommand(appId: string, mailbox: string): string {
  const parameters = Buffer.from(JSON.stringify({ appId, mailbox }), 'utf8').toString('base64');
  return `powershell -NoProfile -File resources/powershell/exo/Get-ExoEwsSettings.ps1 -ParametersBase64 ${parameters}`;
}

/** Reads what the ten ews.* rules need through a GraphReader (live or replayed); never throws on a read. */
export async function collectEwsFacts(
  reader: GraphReader,
  target: EwsTarget,
  /** The tenant-wide policies the m365 checks already read in this run: not asked twice. */
  known?: Pick<EwsFacts, 'securityDefaults' | 'conditionalAccessPolicies'>,
): Promise<EwsFacts> {
  const appId = target.clientId.toLowerCase();
  const consent = await collectAppConsentFacts(reader, appId, exchangeOnlineAppId);
  const spId = consent.appServicePrincipal.state === 'read' ? consent.appServicePrincipal.value.id : null;
  const account =
    target.flow === 'delegated' && target.account !== null
      ? await accountFacts(reader, target.account, spId)
      : null;
  return {
    clientId: appId,
    flow: target.flow,
    mailbox: target.mailbox,
    application: consent.application,
    exchangeServicePrincipal: consent.resourceServicePrincipal,
    appServicePrincipal: consent.appServicePrincipal,
    appRoleAssignments: consent.appRoleAssignments,
    permissionGrants: consent.permissionGrants,
    account,
    securityDefaults:
      known?.securityDefaults ??
      toRead(await reader.get(tenantRequests.securityDefaults), SecurityDefaultsPolicy),
    conditionalAccessPolicies:
      known?.conditionalAccessPolicies ??
      toRead(
        await reader.getAll(tenantRequests.conditionalAccessPolicies),
        collectionOf(ConditionalAccessPolicy),
      ),
    exo: target.exo ?? { ...exoSettingsNotRead, command: exoSnippetCommand(appId, target.mailbox) },
    probe: target.probe ?? null,
  };
}
