import type { AcceptedRisk, CheckResult } from '../../shared/checks/check-result';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import { isFromGroupPolicy } from '../../shared/facts/collected';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { checkResult, notCollectedResult } from './check-result-builder';

const id = 'winrm.auth.cbt';

export const cbtNoneRisk: AcceptedRisk = {
  exposes:
    'With CbtHardeningLevel None the WinRM service ignores channel binding tokens: it cannot tell whether a Negotiate/NTLM authentication was made for this TLS channel, so an attacker who can intercept or relay that authentication (a TLS-intercepting proxy, a rogue certificate, an NTLM relay) can replay it to this server and run PowerShell as the sync account.',
  saferAlternatives: [
    'Relaxed, the Windows default: tokens are checked when a client sends them and clients without them still connect. Try the sync with Relaxed before lowering it.',
    'Strict, once every client sends channel binding tokens.',
    'Kerberos to the server FQDN over HTTPS with a certificate the sync servers trust, so no NTLM authentication needs relaxing.',
  ],
};

const policyRemedy =
  'Group Policy sets CbtHardeningLevel on this server (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service > "Specify channel binding token hardening level"): change it there, then run gpupdate /force.';

/** winrm.auth.cbt: the integration asks for None; that is reported as an accepted risk, never as plain green. */
export function evaluateCbtHardening(facts: CollectedServerFacts): CheckResult {
  const part = facts.serviceAuth;
  if (part.status === 'not-collected')
    return notCollectedResult(id, 'the WinRM service authentication settings', part.error);
  const level = part.value.cbtHardeningLevel;
  const source = part.value.cbtHardeningLevelSource;
  const evidence = { cbtHardeningLevel: level, source };
  const fromPolicy = isFromGroupPolicy(source);
  const change = fromPolicy
    ? { remedy: policyRemedy }
    : {
        remedy: 'Set-Item -Path WSMan:\\localhost\\Service\\Auth\\CbtHardeningLevel -Value None',
        fixId: remotingFixIds.cbtHardeningNone,
      };
  switch (level) {
    case 'None':
      return checkResult(
        id,
        'pass',
        `CbtHardeningLevel is None, as the integration asks${fromPolicy ? ' (set by Group Policy)' : ''}: channel-binding protection is off.`,
        { evidence, acceptedRisk: cbtNoneRisk },
      );
    case 'Relaxed':
      return checkResult(
        id,
        'warn',
        'CbtHardeningLevel is Relaxed (the safer Windows default); the integration asks for None. Keep Relaxed if the sync service connects; lower it only if it does not.',
        { evidence, ...change },
      );
    case 'Strict':
      return checkResult(
        id,
        'fail',
        'CbtHardeningLevel is Strict: WinRM rejects clients that send no channel binding token, and the integration asks for None.',
        { evidence, ...change },
      );
  }
}
