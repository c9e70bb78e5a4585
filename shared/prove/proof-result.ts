import { z } from 'zod';

// What one Remote PowerShell proof did, hop by hop: the line Test-ExreadyConnectionPath.ps1 prints, parsed.

/** The steps of the sync service's path, in the order they run. */
export const ProofHopId = z.enum([
  /** ExReady reaching the sync server (as it does for its facts): not the sync service's path, but nothing runs without it. */
  'sync-server',
  /** Hop 1: New-PSSession -ComputerName <exchange> -UseSSL -Port 5986 -Credential <service account>, from the sync server. */
  'winrm-https',
  /** Hop 2: from inside hop 1, the Exchange endpoint (http://<exchange>/PowerShell, Microsoft.Exchange, Kerberos). */
  'exchange-endpoint',
  /** One read-only cmdlet in hop 2's session: Get-ExchangeServer <exchange>. */
  'exchange-cmdlet',
]);
export type ProofHopId = z.infer<typeof ProofHopId>;

export const HopOutcome = z.enum(['succeeded', 'failed', 'not-run']);
export type HopOutcome = z.infer<typeof HopOutcome>;

/** The error record's facts, never only its message: the classification matches on the codes first. */
export const HopErrorFacts = z.object({
  message: z.string(),
  fullyQualifiedErrorId: z.string().nullable(),
  category: z.string().nullable(),
  /** PSRemotingTransportException.ErrorCode (the WinRM or Win32 code), as a number. */
  transportErrorCode: z.number().int().nullable(),
  /** Exception.HResult, as a signed 32-bit number. */
  hResult: z.number().int().nullable(),
  /** The exception's type and its inner exceptions' types, outermost first. */
  exceptionTypes: z.array(z.string()),
  /** Every 0x........ code the message names (WinRM puts its own in the text). */
  codesInMessage: z.array(z.string()),
});
export type HopErrorFacts = z.infer<typeof HopErrorFacts>;

export const HopReport = z.object({
  hop: ProofHopId,
  /** What the hop reached: a computer name or the endpoint's URI. */
  target: z.string(),
  outcome: HopOutcome,
  durationMs: z.number().nonnegative(),
  error: HopErrorFacts.nullable(),
});
export type HopReport = z.infer<typeof HopReport>;

/** How hop 2 is reached; the default is the Exchange Management Shell endpoint. */
export const SecondHopTarget = z.object({
  uri: z.url(),
  configurationName: z.string().min(1),
  authentication: z.enum(['Kerberos', 'Negotiate', 'Default']),
});
export type SecondHopTarget = z.infer<typeof SecondHopTarget>;

export function defaultSecondHop(exchangeServer: string): SecondHopTarget {
  return {
    uri: `http://${exchangeServer}/PowerShell`,
    configurationName: 'Microsoft.Exchange',
    authentication: 'Kerberos',
  };
}

/** The script's one result line. */
export const ProofScriptResult = z.object({
  exreadyProof: z.literal(1),
  syncServer: z.string(),
  exchangeServer: z.string(),
  serviceAccount: z.string(),
  /** As the request gave it; null when the request had none. */
  secondHop: z
    .object({ uri: z.string(), configurationName: z.string(), authentication: z.string() })
    .nullable(),
  hops: z.array(HopReport),
  /** What Get-ExchangeServer returned, when it ran: the proof that the session answered. */
  exchangeServerSeen: z
    .object({ name: z.string(), fqdn: z.string().nullable(), version: z.string().nullable() })
    .nullable(),
  /** Why the request was refused before anything ran (a missing field), naming the field. */
  refused: z.string().nullable(),
});
export type ProofScriptResult = z.infer<typeof ProofScriptResult>;
