import type { CheckStatus } from '../../../shared/checks/check-result';
import { mfaCatalogue } from '../../../shared/checks/mfa-catalogue';
import { remotingCatalogue } from '../../../shared/checks/remoting-catalogue';

/** A column of the readiness matrix: one check, with a short header and the area it is grouped under. */
export interface CheckColumn {
  id: string;
  title: string;
  shortTitle: string;
  area: string;
}

const shortTitles: Record<string, string> = {
  'winrm.service': 'Service',
  'winrm.listener.https': 'HTTPS listener',
  'winrm.listener.cert': 'Certificate',
  'winrm.auth.cbt': 'CBT',
  'psremoting.sessionconfig': 'Session config',
  'psremoting.serviceaccount': 'Account',
  'ad.delegation': 'Delegation',
  'firewall.5986': 'Firewall',
  'network.5986': 'Port 5986',
  'winrm.trustedhosts': 'Trusted hosts',
  'winrm.trustedhosts.exchange': 'Own trusted hosts',
  'mfa.api': 'API',
  'mfa.logs': 'Log',
};
const mfaKindShort: Record<string, string> = {
  bin: 'DLL',
  appsettings: 'Settings',
  module: 'Module',
  backup: 'Backup',
};

function shortTitleOf(id: string, title: string): string {
  const known = shortTitles[id];
  if (known !== undefined) return known;
  const mfaApp = /^mfa\.([a-z0-9-]+)\.([a-z]+)$/.exec(id);
  if (mfaApp !== null)
    return `${mfaApp[1]?.toUpperCase() ?? ''} ${mfaKindShort[mfaApp[2] ?? ''] ?? mfaApp[2]}`;
  return title;
}

const catalogue = new Map<string, { title: string; area: string }>(
  [...remotingCatalogue, ...mfaCatalogue(['owa', 'ecp'])].map((entry) => [
    entry.id,
    { title: entry.title, area: entry.area },
  ]),
);

export function checkColumn(id: string): CheckColumn {
  const known = catalogue.get(id);
  const mfaApp = /^mfa\.([a-z0-9-]+)\./.exec(id);
  const title = known?.title ?? id;
  const area = known?.area ?? (mfaApp !== null ? 'MFA module' : 'Other');
  return { id, title, area, shortTitle: shortTitleOf(id, title) };
}

/** The columns of a run, in the order its first server reports them, then any others, grouped by area. */
export function columnsOf(results: readonly { results: readonly { checkId: string }[] }[]): CheckColumn[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const server of results) {
    for (const result of server.results) {
      if (!seen.has(result.checkId)) {
        seen.add(result.checkId);
        ids.push(result.checkId);
      }
    }
  }
  const columns = ids.map(checkColumn);
  const areaOrder = [...new Set(columns.map((column) => column.area))];
  return columns.sort((a, b) => areaOrder.indexOf(a.area) - areaOrder.indexOf(b.area));
}

export const statusLabels: Record<CheckStatus, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  unknown: 'Unknown',
  'n/a': 'N/A',
};

/** A shape per status so it never rests on colour alone. */
export const statusGlyphs: Record<CheckStatus, string> = {
  pass: '✓',
  warn: '!',
  fail: '✕',
  unknown: '?',
  'n/a': '–',
};

export const allStatuses: readonly CheckStatus[] = ['fail', 'warn', 'unknown', 'pass', 'n/a'];

/** What each status means, for the legend beside every list and matrix of statuses. */
export const statusMeanings: Record<CheckStatus, string> = {
  pass: 'meets the requirement',
  warn: 'works, but should be changed',
  fail: 'blocks the integration',
  unknown: 'could not be read; blocks until it is',
  'n/a': 'does not apply to this server',
};

/** The word a matrix cell has room for; the tooltip and the legend give the full one. */
export const statusShortLabels: Record<CheckStatus, string> = {
  pass: 'Pass',
  warn: 'Warn',
  fail: 'Fail',
  unknown: 'Unknown',
  'n/a': 'N/A',
};
