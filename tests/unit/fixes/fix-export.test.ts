import { describe, expect, it } from 'vitest';
import { exportFixPlan } from '../../../electron/fixes/fix-export';
import { planFix } from '../../../electron/fixes/fix-preview';
import { createLabFixHost } from '../../../electron/lab/lab-fix-host';
import { decodeScriptParameters } from '../../../electron/powershell/script-command';
import { checkPowerShellSource } from '../../../electron/powershell/syntax-check';
import { FixScriptResult } from '../../../shared/fixes/fix-result';
import { fixNow, fixScenarios, scriptsDir, server } from '../../helpers/fix-lab';

async function allPlans() {
  return Promise.all(
    fixScenarios.map((scenario) => planFix(scenario.fixId, server, scenario.parameters, scriptsDir)),
  );
}

/** The base64 argument of every call line in the exported script, in order. */
function callArguments(text: string): Record<string, unknown>[] {
  return [...text.matchAll(/^\$fixArguments = @\{ 'ParametersBase64' = '([A-Za-z0-9+/=]+)' \}$/gm)].map(
    (match) => decodeScriptParameters(match[1] ?? '') as Record<string, unknown>,
  );
}

describe('exportFixPlan', () => {
  it('writes one script that parses clean, each fix a function called with a base64 literal', async () => {
    const text = exportFixPlan(await allPlans(), fixNow, { riskAccepted: true });
    expect(await checkPowerShellSource(text, 'plan.ps1')).toEqual([]);
    expect(text.match(/^function /gm)).toHaveLength(fixScenarios.length);
    expect(text).toContain('# RISK ACCEPTED: this change lowers security.');
    expect(text).not.toContain("sync01.contoso.com'"); // values travel only inside the base64 literals
    expect(callArguments(text)).toHaveLength(fixScenarios.length);
  });

  it('embeds a script used twice only once', async () => {
    const [first] = await allPlans();
    const text = exportFixPlan([first!, first!], fixNow, { riskAccepted: true });
    expect(text.match(/^function /gm)).toHaveLength(1);
    expect(callArguments(text)).toHaveLength(2);
  });

  it('is idempotent against the lab: the second run of every call changes nothing', async () => {
    const text = exportFixPlan(await allPlans(), fixNow, { riskAccepted: true });
    const calls = callArguments(text);
    for (const [index, scenario] of fixScenarios.entries()) {
      const lab = createLabFixHost(scenario.estate);
      const plan = await planFix(scenario.fixId, server, scenario.parameters, scriptsDir);
      const statuses: FixScriptResult['status'][] = [];
      for (const round of [1, 2]) {
        const lines: string[] = [];
        await lab.host.run(plan.preview.scriptPath, calls[index] ?? {}, {
          signal: new AbortController().signal,
          timeoutMs: 1000,
          onLine: (line) => lines.push(line),
        });
        const result = FixScriptResult.parse(JSON.parse(lines[0] ?? ''));
        expect(result.changed, `${scenario.fixId} round ${round}`).toBe(round === 1);
        statuses.push(result.status);
      }
      expect(statuses).toEqual(['applied', 'unchanged']);
    }
  });
});
