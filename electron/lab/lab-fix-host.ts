import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { findFixByScript } from '../../shared/fixes/fix-catalogue';
import { applyLabFix, type LabFixRequest } from './lab-fix-effects';
import type { LabEstate } from './lab-estate';
import { exchangeAppPools } from '../../shared/integrations/exchange-app-pools';
import {
  LabRecycleRequest,
  LabRestoreRequest,
  LabWriteRequest,
  recycleLabAppPool,
  restoreLabWebConfig,
  writeLabWebConfig,
  type LabBackupStore,
} from './lab-webconfig-effects';
import {
  PowerShellCancelledError,
  PowerShellTimeoutError,
  type PowerShellHost,
  type PowerShellRunOptions,
} from '../powershell/powershell-host';

/** A PowerShell host for tests and demos: runs fix and web.config scripts against a lab estate it holds, nothing else. */
export interface LabFixHost {
  host: PowerShellHost;
  estate(): LabEstate;
  /** Every later run for this server (Exchange or sync) answers "Access is denied". */
  refuse(server: string): void;
  /** Every later run for this server never answers, until the run's timeout or cancel. */
  hang(server: string): void;
  /** Fix scripts run so far, in order. */
  runs: { fixId: string; parameters: Record<string, unknown> }[];
}

function waitForever(scriptPath: string, options: PowerShellRunOptions): Promise<never> {
  return new Promise((_resolve, reject) => {
    const timer = setTimeout(
      () => reject(new PowerShellTimeoutError(scriptPath, options.timeoutMs)),
      options.timeoutMs,
    );
    options.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new PowerShellCancelledError(scriptPath, options.signal.reason));
    });
  });
}

export function createLabFixHost(initial: LabEstate): LabFixHost {
  let estate = initial;
  const refusing = new Set<string>();
  const hanging = new Set<string>();
  const runs: LabFixHost['runs'] = [];
  const backups: LabBackupStore = new Map();
  // The web.config write and restore scripts, as the lab performs them.
  const webConfigScripts: Record<string, (parameters: Record<string, unknown>) => unknown> = {
    'Write-ExreadyWebConfig.ps1': (parameters) => {
      // As the script does: the planned bytes are read from the file the command names.
      const { contentPath, ...rest } = parameters;
      const contentBase64 =
        typeof contentPath === 'string' ? readFileSync(contentPath).toString('base64') : rest.contentBase64;
      const written = writeLabWebConfig(estate, LabWriteRequest.parse({ ...rest, contentBase64 }), backups);
      estate = written.estate;
      return written.result;
    },
    'Restart-ExreadyAppPool.ps1': (parameters) => {
      const request = LabRecycleRequest.parse(parameters);
      return recycleLabAppPool(
        estate,
        request,
        Object.hasOwn(exchangeAppPools, request.app) ? exchangeAppPools[request.app] : undefined,
      );
    },
    'Restore-ExreadyWebConfig.ps1': (parameters) => {
      const restored = restoreLabWebConfig(estate, LabRestoreRequest.parse(parameters), backups);
      estate = restored.estate;
      return restored.result;
    },
  };
  const servers = (parameters: Record<string, unknown>) =>
    [parameters.server, parameters.syncServer].flatMap((item) =>
      typeof item === 'string' ? [item.toLowerCase()] : [],
    );
  const host: PowerShellHost = {
    run(scriptPath, parameters, options) {
      const name = basename(scriptPath.replace(/\\/g, '/'));
      const webConfigScript = webConfigScripts[name];
      if (webConfigScript !== undefined) {
        if (servers(parameters).some((server) => hanging.has(server)))
          return waitForever(scriptPath, options);
        try {
          options.onLine(JSON.stringify(webConfigScript(parameters)));
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        return Promise.resolve({ errors: [], warnings: [], durationMs: 1 });
      }
      const fix = findFixByScript(name);
      if (fix === undefined)
        return Promise.reject(new Error(`The lab runs fix and web.config scripts only: ${scriptPath}`));
      runs.push({ fixId: fix.id, parameters });
      const targets = servers(parameters);
      if (targets.some((server) => hanging.has(server))) return waitForever(scriptPath, options);
      const line = targets.some((server) => refusing.has(server))
        ? {
            exreadyResult: 1,
            status: 'refused',
            changed: false,
            before: null,
            after: null,
            message: '',
            error: 'Access is denied.',
          }
        : (() => {
            const applied = applyLabFix(estate, fix.id, parameters as LabFixRequest);
            estate = applied.estate;
            return applied.result;
          })();
      options.onLine(JSON.stringify(line));
      return Promise.resolve({ errors: [], warnings: [], durationMs: 1 });
    },
    dispose: () => Promise.resolve(),
  };
  return {
    host,
    estate: () => estate,
    refuse: (server) => refusing.add(server.toLowerCase()),
    hang: (server) => hanging.add(server.toLowerCase()),
    runs,
  };
}
