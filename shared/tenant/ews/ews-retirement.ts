import type { CheckResult } from '../../checks/check-result';

/** Exchange Online blocks EWS by default from this day unless the tenant allows the app. */
export const ewsBlockByDefaultDate = '2026-10-01';
/** Exchange Online shuts EWS down for good on this day; on-premises Exchange keeps EWS. */
export const ewsShutdownDate = '2027-04-01';

/** Microsoft's announcements of the dates: what the report's first page cites. */
export const ewsRetirementAnnouncements: readonly string[] = [
  'https://techcommunity.microsoft.com/blog/exchange/exchange-online-ews-your-time-is-almost-up/4492361',
  'https://techcommunity.microsoft.com/blog/exchange/retirement-of-exchange-web-services-in-exchange-online/3924440',
];

// Microsoft's announcements and the pages the remedy points to.
export const ewsRetirementReferences: readonly string[] = [
  ...ewsRetirementAnnouncements,
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

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1 October 2026" for "2026-10-01" (UTC day): the dates in words, from the constants above. */
export function ewsDayWords(isoDay: string): string {
  const date = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
  return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}`;
}

export type EwsDeadlinePhase = 'before-block' | 'blocked-by-default' | 'retired';

/** What a report's first page says about the EWS deadline when it carries an Exchange Online mail result. */
export interface EwsDeadlineNotice {
  /** The report's day (UTC) the days are counted from. */
  asOf: string;
  blockByDefaultDate: string;
  shutdownDate: string;
  /** Days from asOf to the shutdown; 0 once it has passed. */
  daysLeft: number;
  phase: EwsDeadlinePhase;
  /** The dates and the way to keep EWS on until then, in one sentence. */
  statement: string;
  /** The days left as of the report's day. */
  countdown: string;
  /** What the ERP must do. */
  erpMust: string;
  /** Microsoft's announcements. */
  references: string[];
}

/**
 * The first-page notice as of a day. The ERP's client id fills the allow-list command when the report judged one ERP;
 * with none or several (each tenant allows its own), a placeholder.
 */
export function ewsDeadlineNotice(asOf: Date, erpClientIds: readonly string[] = []): EwsDeadlineNotice {
  const [only, ...more] = [...new Set(erpClientIds)];
  const today = new Date(utcDay(asOf)).toISOString().slice(0, 10);
  const daysLeft = Math.max(daysBetween(asOf, ewsShutdownDate), 0);
  const daysToBlock = daysBetween(asOf, ewsBlockByDefaultDate);
  const phase: EwsDeadlinePhase =
    daysLeft <= 0 ? 'retired' : daysToBlock > 0 ? 'before-block' : 'blocked-by-default';
  const block = ewsDayWords(ewsBlockByDefaultDate);
  const shutdown = ewsDayWords(ewsShutdownDate);
  const days = (count: number) => `${count} day${count === 1 ? '' : 's'}`;
  const countdown =
    phase === 'retired'
      ? `As of ${ewsDayWords(today)}: EWS in Exchange Online has been shut down since ${shutdown} (0 days left).`
      : `As of ${ewsDayWords(today)}: ${days(daysLeft)} left until ${shutdown}${
          phase === 'before-block'
            ? `, ${days(daysToBlock)} until EWS is blocked by default on ${block}.`
            : `; EWS has been blocked by default since ${block}.`
        }`;
  const allow = `Set-OrganizationConfig -EwsEnabled $true -EwsAllowedAppIDs @{Add="${only !== undefined && more.length === 0 ? only : '<the ERP app\u2019s client id>'}"}`;
  const erpMust =
    phase === 'retired'
      ? 'The ERP must move to Microsoft Graph now (its Microsoft Graph mail connector: Mail.Read / Mail.Send, scoped with RBAC for Applications): allowing its app id no longer helps.'
      : `The ERP must move to Microsoft Graph (ask its vendor for the Microsoft Graph mail connector: Mail.Read / Mail.Send, scoped with RBAC for Applications) before ${shutdown}; until then allow its app id: ${allow}.`;
  return {
    asOf: today,
    blockByDefaultDate: ewsBlockByDefaultDate,
    shutdownDate: ewsShutdownDate,
    daysLeft,
    phase,
    statement: `EWS in Exchange Online is blocked by default from ${block} unless the tenant allows the app (Set-OrganizationConfig -EwsEnabled $true with -EwsAllowedAppIDs) and shut down on ${shutdown}.`,
    countdown,
    erpMust,
    references: [...ewsRetirementAnnouncements],
  };
}
