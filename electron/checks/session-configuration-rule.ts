import type { CheckResult } from '../../shared/checks/check-result';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import type { SessionConfigurationFacts } from '../../shared/facts/session-configuration-facts';
import { checkResult, notCollectedResult } from './check-result-builder';
import { disabledResult, evaluateSessionSddl } from './session-configuration-sddl';
import {
  administratorsGroup,
  decideRemoteAccess,
  parseSessionPermission,
  remoteManagementUsersGroup,
} from './session-configuration-permission';

const id = 'psremoting.sessionconfig';
export const defaultSessionConfigurationName = 'microsoft.powershell';

export function findDefaultSessionConfiguration(
  configurations: readonly SessionConfigurationFacts[],
): SessionConfigurationFacts | undefined {
  return configurations.find((item) => item.name.toLowerCase() === defaultSessionConfigurationName);
}

const resetRemedy =
  'Enable-PSRemoting -Force recreates the default permissions (Administrators and Remote Management Users allowed); or set them with Set-PSSessionConfiguration -Name microsoft.powershell -ShowSecurityDescriptorUI.';

/**
 * psremoting.sessionconfig: microsoft.powershell must let Administrators or Remote Management Users in; deny wins.
 * Decided from the SDDL by SID (Permission is translated into the server's language); Permission only for old facts.
 */
export function evaluateSessionConfiguration(facts: CollectedServerFacts): CheckResult {
  const part = facts.sessionConfigurations;
  if (part.status === 'not-collected')
    return notCollectedResult(id, 'the session configurations', part.error);
  const fix = { remedy: resetRemedy, fixId: remotingFixIds.sessionConfigurationReset };
  const configuration = findDefaultSessionConfiguration(part.value);
  if (configuration === undefined) {
    return checkResult(id, 'fail', 'The microsoft.powershell session configuration is not registered.', {
      evidence: { configurations: part.value.map((item) => item.name) },
      ...fix,
    });
  }
  if (configuration.sddl !== null && configuration.sddl.trim() !== '') {
    return evaluateSessionSddl(configuration, configuration.sddl, fix);
  }
  const parsed = parseSessionPermission(configuration.permission);
  const evidence = {
    name: configuration.name,
    permission: configuration.permission,
    sddl: configuration.sddl,
    enabled: configuration.enabled,
    entries: parsed.entries.map(
      (entry) => `${entry.principal} ${entry.access === 'deny' ? 'AccessDenied' : 'AccessAllowed'}`,
    ),
  };
  if (configuration.enabled === false)
    return disabledResult(evidence, remotingFixIds.sessionConfigurationReset);
  if (parsed.problems.length > 0) {
    return checkResult(
      id,
      'unknown',
      `The Permission of microsoft.powershell cannot be read: ${parsed.problems.join('; ')}.`,
      {
        evidence,
        remedy:
          'Collect the Permission property as a plain string (not through Format-Table), then evaluate again.',
      },
    );
  }
  if (parsed.empty) {
    return checkResult(
      id,
      'fail',
      'The Permission of microsoft.powershell is empty: it allows no one explicitly, so neither Administrators nor Remote Management Users is granted.',
      { evidence, ...fix },
    );
  }
  const decisions = [administratorsGroup, remoteManagementUsersGroup].map((group) => ({
    group,
    ...decideRemoteAccess(parsed.entries, [group]),
  }));
  const allowed = decisions.filter((item) => item.decision === 'allowed');
  const denied = decisions.filter((item) => item.decision === 'denied');
  if (allowed.length > 0) {
    return checkResult(
      id,
      'pass',
      `microsoft.powershell allows ${allowed.map((item) => item.group).join(' and ')}.`,
      {
        evidence,
      },
    );
  }
  if (denied.length > 0) {
    const deniers = [...new Set(denied.flatMap((item) => item.deniedBy))].join(', ');
    return checkResult(
      id,
      'fail',
      `microsoft.powershell denies remote sessions through ${deniers} AccessDenied (a deny entry wins over every allow).`,
      {
        evidence,
        ...fix,
      },
    );
  }
  return checkResult(
    id,
    'fail',
    'microsoft.powershell allows neither Administrators nor Remote Management Users.',
    {
      evidence,
      ...fix,
    },
  );
}
