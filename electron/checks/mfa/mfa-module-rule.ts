import type { CheckResult } from '../../../shared/checks/check-result';
import { mfaAppCheckId } from '../../../shared/checks/mfa-catalogue';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';
import { sameModuleType } from '../../../shared/integrations/module-type';
import { attributeValue } from '../../webconfig/xml-scanner';
import { appWebConfigFor, mfaResult, type MfaContext } from './mfa-context';

/** mfa.<app>.module: the module entry is present once, with the profile's type, last in the effective modules. */
export function evaluateMfaModule(
  facts: CollectedServerFacts,
  app: string,
  context: MfaContext,
): CheckResult {
  const checkId = mfaAppCheckId(app, 'module');
  const read = appWebConfigFor(facts, app, checkId);
  if (!read.ok) return read.result;
  const { name, type } = context.profile.module;
  const remedy = `Apply the ${app} MFA configuration in ExReady: it writes <add name="${name}" type="${type}"/> as the last entry of system.webServer/modules.`;
  const modules = read.config.modules;
  const order = modules?.entries.map((entry) => entry.key) ?? [];
  const entry = modules?.find(name);
  const evidence = {
    expected: { name, type },
    effectiveModules: order,
    foundType: entry === undefined ? null : (attributeValue(entry.element, 'type') ?? null),
    copies: modules?.duplicatesOf(name).length ?? 0,
  };
  if (entry === undefined)
    return mfaResult(
      checkId,
      'fail',
      `${name} is not registered in the ${app} system.webServer/modules: the MFA step never runs.`,
      evidence,
      remedy,
    );
  const problems: string[] = [];
  if (evidence.foundType === null || !sameModuleType(evidence.foundType, type))
    problems.push(`its type is "${evidence.foundType ?? ''}", not "${type}"`);
  if (evidence.copies > 1)
    problems.push(`it is added ${evidence.copies} times (IIS refuses a duplicate entry with HTTP 500.19)`);
  if (order[order.length - 1]?.toLowerCase() !== name.toLowerCase())
    problems.push(
      `it is not the last module (${order.length} in effect, last is ${order[order.length - 1] ?? 'none'})`,
    );
  if (problems.length > 0)
    return mfaResult(
      checkId,
      'fail',
      `${name} in the ${app} modules is wrong: ${problems.join('; ')}.`,
      evidence,
      remedy,
    );
  return mfaResult(
    checkId,
    'pass',
    `${name} is registered once, with the right type, last in the ${app} modules.`,
    evidence,
  );
}
