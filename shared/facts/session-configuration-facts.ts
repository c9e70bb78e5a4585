import { z } from 'zod';

/** One Get-PSSessionConfiguration item; Permission is kept raw, exactly as PowerShell prints it. */
export const SessionConfigurationFacts = z.object({
  name: z.string().min(1),
  /** e.g. "NT AUTHORITY\NETWORK AccessDenied, BUILTIN\Administrators AccessAllowed"; "" or null when empty. */
  permission: z.string().nullable(),
  sddl: z.string().nullable(),
  enabled: z.boolean().nullable(),
});
export type SessionConfigurationFacts = z.infer<typeof SessionConfigurationFacts>;
