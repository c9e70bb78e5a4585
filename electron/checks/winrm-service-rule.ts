import type { CheckResult } from '../../shared/checks/check-result';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { checkResult, notCollectedResult } from './check-result-builder';

const id = 'winrm.service';

/** winrm.service: WinRM must run now and come back by itself after a restart. */
export function evaluateWinrmService(facts: CollectedServerFacts): CheckResult {
  const part = facts.winrmService;
  if (part.status === 'not-collected') return notCollectedResult(id, 'the WinRM service', part.error);
  const { status, startType } = part.value;
  const evidence = { status, startType };
  if (status === 'Running' && startType === 'Automatic') {
    return checkResult(id, 'pass', 'WinRM is running and starts automatically.', { evidence });
  }
  if (status === 'Running') {
    return checkResult(
      id,
      'warn',
      `WinRM is running, but its start type is ${startType}: after the next restart it will not start and the sync will stop.`,
      {
        evidence,
        remedy: 'Set-Service -Name WinRM -StartupType Automatic',
        fixId: remotingFixIds.winrmServiceStart,
      },
    );
  }
  return checkResult(
    id,
    'fail',
    `WinRM is ${status} (start type ${startType}): no remote PowerShell session can open.`,
    {
      evidence,
      remedy: 'Set-Service -Name WinRM -StartupType Automatic; Start-Service -Name WinRM',
      fixId: remotingFixIds.winrmServiceStart,
    },
  );
}
