import type { CheckResult } from '../../checks/check-result';

/** Exchange Online blocks EWS by default from this day unless the tenant allows the app. */
export const ewsBlockByDefaultDate = '2026-10-01';
/** Exchange Online shuts EWS down for good on this day; on-premises Exchange keeps EWS. */
export const ewsShutdownDate = '2027-04-01';

// Microsoft's announcements and the pages the remedy points to.
export const ewsRetirementReferences: readonly string[] = [
  'https://techcommunity.microsoft.com/blog/exchange/exchange-online-ews-your-time-is-almost-up/4492361',
  'https://techcommunity.microsoft.com/blog/exchange/retirement-of-exchange-web-services-in-exchange-online/3924440',
  'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/deprecation-of-ews-exchange-online',
  'https://learn.microsoft.com/graph/migrate-exchange-web-services-overview',
  'https://learn.microsoft.com/powershell/module/exchange/set-organizationconfig',
];

const dayMs = 86_400_000;

function utcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

function daysBetween(from: Date, isoDay: string): number {
  return Math.round((Date.parse(`${isoDay}T00:00:00Z`) - utcDay(from)) / dayMs);
}

const allowRemedy =
  'Until the ERP moves, keep it working with Set-OrganizationConfig -EwsEnabled $true -EwsAllowedAppIDs @{Add="<the ERP app\u2019s client id>"} (Exchange Online PowerShell).';
const graphRemedy =
  'Ask the ERP vendor for its Microsoft Graph mail connector (Mail.Read / Mail.Send, scoped with RBAC for Applications) and plan the switch before 1 April 2027.';

/** `ews.retirement`: a pure function of the day of judgement (UTC). */
export function evaluateEwsRetirement(now: Date): CheckResult {
  const daysLeft = daysBetween(now, ewsShutdownDate);
  const daysToBlock = daysBetween(now, ewsBlockByDefaultDate);
  const evidence = {
    today: new Date(utcDay(now)).toISOString().slice(0, 10),
    blockByDefaultDate: ewsBlockByDefaultDate,
    shutdownDate: ewsShutdownDate,
    daysLeft: Math.max(daysLeft, 0),
  };
  const references = [...ewsRetirementReferences];
  if (daysLeft <= 0) {
    return {
      checkId: 'ews.retirement',
      status: 'fail',
      summary:
        'EWS in Exchange Online was shut down on 1 April 2027: the ERP can no longer read or send mail through it.',
      evidence: { ...evidence, phase: 'retired' },
      remedy:
        'Move the ERP to Microsoft Graph: ask the ERP vendor for its Microsoft Graph mail connector (Mail.Read / Mail.Send, scoped with RBAC for Applications). Mailboxes on on-premises Exchange keep EWS.',
      references,
    };
  }
  const blockLine =
    daysToBlock > 0
      ? `From 1 October 2026 (in ${daysToBlock} days) Exchange Online blocks EWS by default unless the tenant allows the app.`
      : 'Since 1 October 2026 Exchange Online blocks EWS by default unless the tenant allows the app.';
  return {
    checkId: 'ews.retirement',
    status: 'warn',
    summary: `EWS in Exchange Online stops for good on 1 April 2027: ${daysLeft} days left. ${blockLine} The ERP must move to Microsoft Graph.`,
    evidence: { ...evidence, phase: daysToBlock > 0 ? 'before-block' : 'blocked-by-default' },
    remedy: `${graphRemedy} ${allowRemedy}`,
    references,
  };
}
