import { z } from 'zod';
import { StartupNotice } from './startup-notice';

export const AppInfo = z.object({
  productName: z.string(),
  version: z.string(),
  platform: z.string(),
  logDirectory: z.string(),
  /** The user-data files this start-up could not read and moved aside. */
  startupNotices: z.array(StartupNotice).max(1000),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Which PowerShell ExReady would use on this host, and what it reports about itself. */
export const PowerShellProbe = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    executable: z.string(),
    version: z.string(),
    edition: z.string(),
    os: z.string(),
    hasActiveDirectoryModule: z.boolean(),
  }),
  z.object({
    available: z.literal(false),
    executable: z.string().nullable(),
    reason: z.string(),
    remedy: z.string(),
  }),
]);
export type PowerShellProbe = z.infer<typeof PowerShellProbe>;
