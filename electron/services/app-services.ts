import { productName } from '../../shared/product';
import type { InvokeHandlers } from '../ipc/router';
import { InventoryService } from './inventory-service';
import { probePowerShell } from './powershell-probe-service';

export interface AppServicesConfig {
  userDataDir: string;
  logDirectory: string;
  version: string;
  platform: NodeJS.Platform;
  /** resources/powershell: collectors, fixes and probes. */
  scriptsDir: string;
  powershellCandidates: readonly string[];
  powershellTimeoutMs?: number;
  now?: () => Date;
}

/** The services behind every IPC channel: plain Node, shared by the app, the CLI and the tests. */
export function createInvokeHandlers(config: AppServicesConfig): InvokeHandlers {
  const now = config.now ?? (() => new Date());
  const inventory = new InventoryService(config.userDataDir, now);
  const probeOptions = {
    candidates: config.powershellCandidates,
    scriptsDir: config.scriptsDir,
    timeoutMs: config.powershellTimeoutMs ?? 30_000,
  };

  return {
    'app:get-info': () =>
      Promise.resolve({
        productName,
        version: config.version,
        platform: config.platform,
        logDirectory: config.logDirectory,
      }),
    'inventory:get': () => inventory.get(),
    'inventory:add-exchange-servers': (request) => inventory.addExchangeServers(request.fqdns),
    'inventory:remove-exchange-server': (request) => inventory.removeExchangeServer(request.fqdn),
    'environment:probe-powershell': (request, context) =>
      probePowerShell(probeOptions, request.operationId, context.signal, context.events),
  };
}
