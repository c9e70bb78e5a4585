import type { CheckEvidence, CheckResult } from '../../shared/checks/check-result';
import type { SessionConfigurationFacts } from '../../shared/facts/session-configuration-facts';
import { checkResult } from './check-result-builder';
import { decideSddlAccess, readSddlDacl, wellKnownSids, type DaclEntry } from './sddl-dacl';
import { administratorsGroup, remoteManagementUsersGroup } from './session-configuration-permission';

const id = 'psremoting.sessionconfig';

// English names for evidence and summaries only: the verdict never compares names.
const sidNames: Readonly<Record<string, string>> = {
  [wellKnownSids.everyone]: 'Everyone',
  [wellKnownSids.network]: 'NT AUTHORITY\\NETWORK',
  [wellKnownSids.interactive]: 'NT AUTHORITY\\INTERACTIVE',
  [wellKnownSids.authenticatedUsers]: 'NT AUTHORITY\\Authenticated Users',
  [wellKnownSids.localSystem]: 'NT AUTHORITY\\SYSTEM',
  [wellKnownSids.administrators]: administratorsGroup,
  [wellKnownSids.users]: 'BUILTIN\\Users',
  [wellKnownSids.remoteManagementUsers]: remoteManagementUsersGroup,
};

const groups = [
  { name: administratorsGroup, sid: wellKnownSids.administrators },
  { name: remoteManagementUsersGroup, sid: wellKnownSids.remoteManagementUsers },
];

function trustee(entry: DaclEntry): string {
  const name = sidNames[entry.sid];
  return name === undefined ? entry.sid : `${name} (${entry.sid})`;
}

/** An ACE as evidence names it: "BUILTIN\Administrators (S-1-5-32-544) AccessAllowed". */
export function describeDaclEntry(entry: DaclEntry): string {
  return `${trustee(entry)} ${entry.access === 'deny' ? 'AccessDenied' : 'AccessAllowed'}`;
}

interface Fix {
  remedy: string;
  fixId: string;
}

/** A disabled configuration fails whatever it grants; both readings (SDDL, Permission text) answer it alike. */
export function disabledResult(evidence: CheckEvidence, fixId: string): CheckResult {
  return checkResult(id, 'fail', 'The microsoft.powershell session configuration is disabled.', {
    evidence,
    remedy: 'Enable-PSSessionConfiguration -Name microsoft.powershell -Force',
    fixId,
  });
}

/** The verdict from SecurityDescriptorSddl; Permission rides along in the evidence as the server printed it. */
export function evaluateSessionSddl(
  configuration: SessionConfigurationFacts,
  sddl: string,
  fix: Fix,
): CheckResult {
  const reading = readSddlDacl(sddl);
  const evidence = {
    name: configuration.name,
    permission: configuration.permission,
    sddl,
    enabled: configuration.enabled,
    entries: reading.kind === 'null' ? [] : reading.entries.map(describeDaclEntry),
  };
  if (configuration.enabled === false) return disabledResult(evidence, fix.fixId);
  if (reading.problems.length > 0) {
    return checkResult(
      id,
      'unknown',
      `The SDDL of microsoft.powershell cannot be read: ${reading.problems.join('; ')}.`,
      {
        evidence,
        remedy:
          'Read SecurityDescriptorSddl of Get-PSSessionConfiguration -Name microsoft.powershell on the server, then evaluate again.',
      },
    );
  }
  if (reading.kind === 'null') {
    return checkResult(
      id,
      'pass',
      'microsoft.powershell has no DACL (a NULL DACL): Windows lets everyone in, Administrators and Remote Management Users included.',
      { evidence },
    );
  }
  if (reading.entries.length === 0) {
    return checkResult(
      id,
      'fail',
      'The DACL of microsoft.powershell is empty: it grants no one, so neither Administrators nor Remote Management Users is allowed.',
      { evidence, ...fix },
    );
  }
  const decisions = groups.map((group) => ({ group, ...decideSddlAccess(reading, [group.sid]) }));
  const allowed = decisions.filter((item) => item.decision === 'allowed');
  if (allowed.length > 0) {
    return checkResult(
      id,
      'pass',
      `microsoft.powershell allows ${allowed.map((item) => item.group.name).join(' and ')}.`,
      { evidence },
    );
  }
  const deniers = [...new Set(decisions.flatMap((item) => item.deniedBy.map(describeDaclEntry)))];
  if (deniers.length > 0) {
    return checkResult(
      id,
      'fail',
      `microsoft.powershell denies remote sessions through ${deniers.join(', ')} (a deny entry wins over every allow).`,
      { evidence, ...fix },
    );
  }
  return checkResult(
    id,
    'fail',
    'microsoft.powershell allows neither Administrators nor Remote Management Users (Execute and Read are both needed).',
    { evidence, ...fix },
  );
}
