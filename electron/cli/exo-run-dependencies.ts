import type { ExoSettingsRead } from '../../shared/tenant/ews/exo-settings';
import { defaultPowerShellCandidates, locateExecutable } from '../powershell/executable-locator';
import { locatePowerShellScripts } from '../resource-paths';
import { exoSnippetCommand } from '../tenant/ews/collect-ews-facts';
import { readExoSettingsLiveOrUnknown } from '../tenant/ews/read-exo-settings-live';

/** --exo-run on this machine: the default PowerShell (Windows PowerShell 5.1 on Windows) and the app's scripts. */
export function exoLiveReader(
  scriptDir: string,
): (request: { appId: string; mailbox: string }) => Promise<ExoSettingsRead> {
  return async ({ appId, mailbox }) =>
    readExoSettingsLiveOrUnknown(
      {
        executable: await locateExecutable(defaultPowerShellCandidates(process.platform)),
        scriptsDir: locatePowerShellScripts(scriptDir),
        appId,
        mailbox,
        signal: new AbortController().signal,
      },
      exoSnippetCommand(appId, mailbox),
    );
}
