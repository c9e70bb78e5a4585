import { join } from 'node:path';
import { z } from 'zod';
import { describeFqdnProblem } from '../../shared/domain/hostname';
import type { InventoryEntry } from '../../shared/domain/inventory';
import { locateExecutable } from '../powershell/executable-locator';
import { parsePs51JsonText } from '../powershell/ps51-json';
import { runScriptProcess } from '../powershell/script-process';

/** What Find-ExreadyExchangeServers.ps1 prints for each msExchExchangeServer object. */
const DiscoveredServer = z.object({
  name: z.string(),
  fqdn: z.string().nullable(),
  version: z.string().nullable(),
  roles: z.number().int().nullable(),
});

export interface Discovery {
  entries: InventoryEntry[];
  /** Servers AD lists that cannot be checked, each with the reason (no FQDN, a malformed one). */
  skipped: string[];
}

export interface DiscoveryOptions {
  candidates: readonly string[];
  scriptsDir: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Lists the Exchange servers registered in Active Directory, read once from the jump host. */
export async function discoverExchangeServers(options: DiscoveryOptions): Promise<Discovery> {
  const executable = await locateExecutable(options.candidates);
  if (executable === null) {
    throw new Error(
      `No PowerShell found (${options.candidates.join(', ')}): discovery runs PowerShell on the jump host.`,
    );
  }
  const output = await runScriptProcess({
    executable,
    scriptPath: join(options.scriptsDir, 'discover', 'Find-ExreadyExchangeServers.ps1'),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  if (output.exitCode !== 0) {
    throw new Error(
      `Active Directory could not be read: ${output.stderr.trim() || `exit code ${String(output.exitCode)}`}`,
    );
  }
  const servers = parsePs51JsonText(output.stdout.trim(), z.array(DiscoveredServer), {
    origin: 'Find-ExreadyExchangeServers.ps1',
  });
  const entries: InventoryEntry[] = [];
  const skipped: string[] = [];
  for (const server of servers) {
    const fqdn = (server.fqdn ?? '').toLowerCase().replace(/\.$/, '');
    const problem = fqdn === '' ? 'has no DNS host name in Active Directory' : describeFqdnProblem(fqdn);
    if (problem === null) entries.push({ fqdn, role: 'exchange', version: server.version });
    else skipped.push(`${server.name} ${problem}`);
  }
  return { entries, skipped };
}
