import { z } from 'zod';
import { collected } from './collected';

// What the MFA area script (resources/powershell/collect/Get-ExreadyMfaFacts.ps1) reads on an Exchange server.

/** Where the app's physical path came from: IIS itself, or the Exchange install folder when IIS could not answer. */
export const MfaPathSource = z.enum(['applicationHost.config', 'WebAdministration', 'ExchangeInstallPath']);
export type MfaPathSource = z.infer<typeof MfaPathSource>;

export const MfaAppPath = z.object({
  physicalPath: z.string().min(1),
  source: MfaPathSource,
  /** Why IIS could not answer, when the fallback was used. */
  note: z.string().nullable(),
});
export type MfaAppPath = z.infer<typeof MfaAppPath>;

/** A DLL of the module's assembly in the app's bin folder (FileVersion, Get-AuthenticodeSignature). */
export const MfaModuleBinary = z.object({
  name: z.string().min(1),
  fileVersion: z.string().nullable(),
  /** Get-AuthenticodeSignature Status as text: Valid, NotSigned, HashMismatch, UnknownError... */
  signatureStatus: z.string().nullable(),
  signerSubject: z.string().nullable(),
});
export type MfaModuleBinary = z.infer<typeof MfaModuleBinary>;

/** A web.config.exready-*.bak beside the app's web.config. */
export const WebConfigBackupFacts = z.object({
  name: z.string().min(1),
  lastWriteTimeUtc: z.string(),
  length: z.number().int().min(0),
});
export type WebConfigBackupFacts = z.infer<typeof WebConfigBackupFacts>;

/** The file's bytes as base64, so encoding and BOM survive the trip; the hash is what a later write must match. */
export const WebConfigFileFacts = z.object({
  base64: z.string(),
  sha256: z.string().regex(/^[0-9A-Fa-f]{64}$/),
  /** In a saved run: the bytes encrypted under the install key, while base64 holds secret values as keyed hashes. */
  sealed: z.string().optional(),
});
export type WebConfigFileFacts = z.infer<typeof WebConfigFileFacts>;

export const MfaAppFacts = z.object({
  app: z.string().min(1),
  path: collected(MfaAppPath),
  webConfig: collected(WebConfigFileFacts),
  binaries: collected(z.array(MfaModuleBinary)),
  backups: collected(z.array(WebConfigBackupFacts)),
});
export type MfaAppFacts = z.infer<typeof MfaAppFacts>;

export const MfaApiOutcome = z.enum([
  'reachable',
  'http-status',
  'tls-error',
  'dns-failure',
  'tcp-failure',
  'timed-out',
  'not-configured',
  'error',
]);
export type MfaApiOutcome = z.infer<typeof MfaApiOutcome>;

/** One HTTP request from the Exchange server to MONOSIGN_API_URL. */
export const MfaApiProbeFacts = z.object({
  url: z.string().nullable(),
  outcome: MfaApiOutcome,
  statusCode: z.number().int().nullable(),
  message: z.string().nullable(),
});
export type MfaApiProbeFacts = z.infer<typeof MfaApiProbeFacts>;

/** The newest lines of the module's log folder. */
export const MfaLogFacts = z.object({
  path: z.string().min(1),
  /** web.config when MONOSIGN_LOG_PATH was set there, otherwise the default folder. */
  pathSource: z.enum(['web.config', 'default']),
  files: z.array(z.string()),
  lines: z.array(z.string()),
});
export type MfaLogFacts = z.infer<typeof MfaLogFacts>;

export const MfaFacts = z.object({
  profileId: z.string().min(1),
  apps: z.array(MfaAppFacts),
  api: collected(MfaApiProbeFacts),
  logs: collected(MfaLogFacts),
});
export type MfaFacts = z.infer<typeof MfaFacts>;

/** The MFA part of the collection request: profile data only, sent inside the base64 JSON. */
export const MfaCollectionParameters = z.object({
  profileId: z.string().min(1),
  apps: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1),
  /** e.g. MonoSign.IISModule: bin/<assemblyName>*.dll are listed. */
  assemblyName: z.string().regex(/^[^\s\\/:*?"<>|]+$/),
  apiUrlKey: z.string().min(1),
  logPathKey: z.string().min(1),
  defaultLogPath: z.string().min(1),
  logLineCount: z.number().int().min(1).max(5000),
  apiTimeoutSeconds: z.number().int().min(1).max(60),
});
export type MfaCollectionParameters = z.infer<typeof MfaCollectionParameters>;
