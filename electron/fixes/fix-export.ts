import { basename } from 'node:path';
import { encodeScriptParameters } from '../powershell/script-process';
import { FixConsentError } from './fix-apply';
import type { FixPlan } from './fix-preview';

// One .ps1 for a change window: each fix script embedded once as a function, each call given its values as a
// base64 JSON literal (never spliced into the script text); every script is idempotent, so the plan is too.

const commentSafe = (text: string) => text.replace(/[\r\n]+/g, ' ').replace(/#>/g, '# >');

/** The same gate as applying: a plan that lowers security is exported only with "I accept this risk". */
export function exportRefusal(plans: readonly FixPlan[], consent: { riskAccepted: boolean }): string | null {
  const risky = plans.filter((plan) => plan.preview.risk === 'lowers-security');
  if (risky.length === 0 || consent.riskAccepted) return null;
  return risky
    .map(
      (plan) =>
        `${plan.preview.fixId} on ${plan.preview.server} lowers security: accept the risk explicitly (${plan.preview.exposes ?? 'see the preview'})`,
    )
    .join('; ');
}

export function exportFixPlan(
  plans: readonly FixPlan[],
  generatedAt: Date,
  consent: { riskAccepted: boolean },
): string {
  const refusal = exportRefusal(plans, consent);
  if (refusal !== null) throw new FixConsentError(`${refusal}; nothing was exported`);
  const functions = new Map<string, string>();
  for (const plan of plans) {
    const name = basename(plan.preview.scriptPath, '.ps1');
    if (!functions.has(name))
      functions.set(name, `function ${name} {\n${plan.preview.scriptText.trimEnd()}\n}\n`);
  }
  const calls = plans.map((plan, index) => {
    const { preview } = plan;
    const name = basename(preview.scriptPath, '.ps1');
    const risk =
      preview.risk === 'lowers-security'
        ? `# RISK ACCEPTED: this change lowers security. ${commentSafe(preview.exposes ?? '')}`
        : '# Risk: none';
    return [
      `# ${index + 1}. ${commentSafe(preview.title)} on ${commentSafe(preview.server)} (turns ${preview.checkId} green)`,
      `# Parameters: ${commentSafe(JSON.stringify(preview.parameters))}`,
      risk,
      // Splatted: the PowerShell grammar the syntax check uses misreads "-ParametersBase64 '...'" as a 4> redirection.
      `$fixArguments = @{ 'ParametersBase64' = '${encodeScriptParameters(plan.scriptParameters)}' }`,
      `${name} @fixArguments`,
      '',
    ].join('\n');
  });
  return [
    '#Requires -Version 5.1',
    `# ExReady fix plan, exported ${generatedAt.toISOString()}: ${plans.length} fix(es).`,
    '# Each fix reads the current value first and changes nothing when it is already right: running twice is safe.',
    '# Each call prints one JSON line: status applied, unchanged, refused or failed.',
    '',
    ...functions.values(),
    ...calls,
  ].join('\n');
}
