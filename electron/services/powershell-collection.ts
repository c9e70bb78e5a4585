import { join } from 'node:path';
import { openNodePowerShellHost } from '../powershell/node-powershell-host';
import {
  powerShellCollectionSource,
  type CollectionLineReader,
  type CollectionSource,
} from './collection-source';

export interface PowerShellCollectionConfig {
  /** --powershell or the setting; null: Windows PowerShell 5.1 on Windows, pwsh elsewhere. */
  executable: string | null;
  /** resources/powershell */
  scriptsDir: string;
  /** One check is one invocation: the CLI needs one shell, the app may keep two. */
  poolSize?: number;
  readLine?: CollectionLineReader;
}

/** The real collection: Invoke-ExreadyCollection.ps1 on a node-powershell pool; close() stops the shells. */
export async function openPowerShellCollection(
  config: PowerShellCollectionConfig,
): Promise<{ source: CollectionSource; close(): Promise<void> }> {
  const host = await openNodePowerShellHost({
    executable: config.executable,
    poolSize: config.poolSize ?? 1,
  });
  const source = powerShellCollectionSource(host, {
    scriptPath: join(config.scriptsDir, 'collect', 'Invoke-ExreadyCollection.ps1'),
    ...(config.readLine === undefined ? {} : { readLine: config.readLine }),
  });
  return { source, close: () => host.dispose() };
}
