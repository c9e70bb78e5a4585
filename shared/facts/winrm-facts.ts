import { z } from 'zod';
import { ConfigSource } from './collected';

/** System.ServiceProcess.ServiceControllerStatus names, as Get-Service prints them. */
export const ServiceStatus = z.enum([
  'Stopped',
  'StartPending',
  'StopPending',
  'Running',
  'ContinuePending',
  'PausePending',
  'Paused',
]);
export type ServiceStatus = z.infer<typeof ServiceStatus>;

/** System.ServiceProcess.ServiceStartMode names (Get-Service StartType; delayed start shows as Automatic). */
export const ServiceStartType = z.enum(['Boot', 'System', 'Automatic', 'Manual', 'Disabled']);
export type ServiceStartType = z.infer<typeof ServiceStartType>;

/** Get-Service WinRM. */
export const WinrmServiceFacts = z.object({
  status: ServiceStatus,
  startType: ServiceStartType,
});
export type WinrmServiceFacts = z.infer<typeof WinrmServiceFacts>;

export const ListenerTransport = z.enum(['HTTP', 'HTTPS']);
export type ListenerTransport = z.infer<typeof ListenerTransport>;

/** One item of Get-WSManInstance winrm/config/listener -Enumerate (WSMan prints every value as text). */
export const WinrmListenerFacts = z.object({
  address: z.string(),
  transport: ListenerTransport,
  port: z.number().int().min(1).max(65535),
  hostname: z.string().nullable(),
  enabled: z.boolean(),
  certificateThumbprint: z.string().nullable(),
  /** "GPO" (Group Policy: cannot be fixed locally), "Compatibility" (the legacy 80/443 listener) or null. */
  source: ConfigSource,
});
export type WinrmListenerFacts = z.infer<typeof WinrmListenerFacts>;

export const CbtHardeningLevel = z.enum(['None', 'Relaxed', 'Strict']);
export type CbtHardeningLevel = z.infer<typeof CbtHardeningLevel>;

/** WSMan:\localhost\Service\Auth\CbtHardeningLevel with the Source WSMan reports beside it. */
export const WinrmServiceAuthFacts = z.object({
  cbtHardeningLevel: CbtHardeningLevel,
  cbtHardeningLevelSource: ConfigSource,
});
export type WinrmServiceAuthFacts = z.infer<typeof WinrmServiceAuthFacts>;

/** WSMan:\localhost\Client\TrustedHosts of a WinRM client (a sync server, an Exchange server): the raw comma-separated value ("" when empty). */
export const TrustedHostsFacts = z.object({
  value: z.string(),
  source: ConfigSource,
});
export type TrustedHostsFacts = z.infer<typeof TrustedHostsFacts>;
