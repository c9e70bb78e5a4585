import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IntegrationPlan } from './integration-plan';

/** The plan registers the module (or changes its type): IIS will then load its DLL from the app's bin. */
export function planLoadsModule(plan: IntegrationPlan): boolean {
  return plan.changes.some(
    (change) => change.kind === 'module-added' || change.kind === 'module-type-updated',
  );
}

/**
 * Why the module entry must not be written next to this web.config, or null when its DLL is in bin.
 * Without the DLL IIS cannot load the module and the app fails for every user (the check mfa.<app>.bin).
 */
export async function missingModuleDll(
  webConfigPath: string,
  plan: IntegrationPlan,
  app: string,
): Promise<string | null> {
  if (!planLoadsModule(plan) || plan.assemblyFile === null) return null;
  const folder = join(dirname(webConfigPath), 'bin');
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    names = [];
  }
  // NTFS compares names without case, as IIS finds the assembly.
  const wanted = plan.assemblyFile.toLowerCase();
  if (names.some((name) => name.toLowerCase() === wanted)) return null;
  return `${plan.assemblyFile} is not in ${folder}: IIS cannot load the module, and ${app} fails for every user once the module entry is in web.config. Copy the module's DLL files from the vendor's zip into ${folder} first (mfa.${app}.bin)`;
}
