import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { LabEstate, LabMfaApp } from './lab-estate';
import { appFilePath } from '../services/script-change';

// What Write- and Restore-ExreadyWebConfig.ps1 would do to a lab estate: the same guards, as immutable updates.

export interface LabWebConfigResult {
  exreadyResult: 1;
  status: 'written' | 'refused';
  before: string | null;
  after: string | null;
  backup: string | null;
  backupSha256?: string | null;
  error: string | null;
}

/** Backup bytes by server, file and name: the lab estate lists backup names only, the host keeps their content. */
export type LabBackupStore = Map<string, Buffer>;

const bom = Buffer.from([0xef, 0xbb, 0xbf]);
const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').toUpperCase();
const backupKey = (server: string, path: string, name: string) => `${server.toLowerCase()}|${path}|${name}`;

function bytesOf(app: LabMfaApp): Buffer | null {
  if (app.webConfig === null) return null;
  const text = Buffer.from(app.webConfig, 'utf8');
  return app.bom ? Buffer.concat([bom, text]) : text;
}

function withBytes(app: LabMfaApp, bytes: Buffer, backup: string): LabMfaApp {
  const hasBom = bytes.subarray(0, 3).equals(bom);
  return {
    ...app,
    webConfig: bytes.subarray(hasBom ? 3 : 0).toString('utf8'),
    bom: hasBom,
    backups: [...app.backups, backup],
  };
}

function refused(error: string, before: string | null = null): LabWebConfigResult {
  return { exreadyResult: 1, status: 'refused', before, after: null, backup: null, error };
}

/** The lab server's app whose web.config is at `path`, or why there is none. */
function locate(estate: LabEstate, server: string, path: string) {
  const host = estate.exchangeServers.find((item) => item.fqdn.toLowerCase() === server.toLowerCase());
  const app = host?.mfa?.apps.find((item) => appFilePath(item.physicalPath, 'web.config') === path);
  if (host === undefined || app === undefined) return null;
  return { host, app };
}

function replaceApp(estate: LabEstate, server: string, app: LabMfaApp, next: LabMfaApp): LabEstate {
  return {
    ...estate,
    exchangeServers: estate.exchangeServers.map((host) =>
      host.fqdn.toLowerCase() !== server.toLowerCase() || host.mfa === undefined
        ? host
        : { ...host, mfa: { ...host.mfa, apps: host.mfa.apps.map((item) => (item === app ? next : item)) } },
    ),
  };
}

/** The write script's parameters, as the service sends them. */
export const LabWriteRequest = z.object({
  server: z.string(),
  path: z.string(),
  expectedSha256: z.string(),
  contentBase64: z.string(),
  backupName: z.string(),
});
export type LabWriteRequest = z.infer<typeof LabWriteRequest>;

/** Writes planned bytes if the file is still the one planned on; the old bytes become the named backup. */
export function writeLabWebConfig(
  estate: LabEstate,
  request: LabWriteRequest,
  backups: LabBackupStore,
): { estate: LabEstate; result: LabWebConfigResult } {
  const found = locate(estate, request.server, request.path);
  const current = found === null ? null : bytesOf(found.app);
  if (found === null || current === null)
    return { estate, result: refused(`Could not find file '${request.path}'.`) };
  const before = hash(current);
  if (before !== request.expectedSha256.toUpperCase())
    return {
      estate,
      result: refused('web.config changed since ExReady read it: collect again and plan again.', before),
    };
  if (found.app.backups.includes(request.backupName))
    return { estate, result: refused(`The backup ${request.backupName} already exists.`, before) };
  const next = Buffer.from(request.contentBase64, 'base64');
  backups.set(backupKey(request.server, request.path, request.backupName), current);
  return {
    estate: replaceApp(estate, request.server, found.app, withBytes(found.app, next, request.backupName)),
    result: {
      exreadyResult: 1,
      status: 'written',
      before,
      after: hash(next),
      backup: request.backupName,
      error: null,
    },
  };
}

/** The restore script's parameters, as the rollback service sends them. */
export const LabRestoreRequest = z.object({
  server: z.string(),
  path: z.string(),
  expectedSha256: z.string(),
  backupName: z.string(),
  preRollbackName: z.string(),
});
export type LabRestoreRequest = z.infer<typeof LabRestoreRequest>;

/** Puts a backup this lab session wrote back in place, keeping the current file as the pre-rollback backup. */
export function restoreLabWebConfig(
  estate: LabEstate,
  request: LabRestoreRequest,
  backups: LabBackupStore,
): { estate: LabEstate; result: LabWebConfigResult } {
  const found = locate(estate, request.server, request.path);
  const current = found === null ? null : bytesOf(found.app);
  if (found === null || current === null)
    return { estate, result: { ...refused(`Could not find file '${request.path}'.`), backupSha256: null } };
  const saved = backups.get(backupKey(request.server, request.path, request.backupName));
  // Backups the demo estate starts with are names only: the lab has no bytes to restore from them.
  if (saved === undefined)
    return {
      estate,
      result: {
        ...refused(
          `The backup ${request.backupName} is known to the demo estate by name only: it has no content.`,
        ),
        backupSha256: null,
      },
    };
  const before = hash(current);
  if (before !== request.expectedSha256.toUpperCase())
    return {
      estate,
      result: {
        ...refused('web.config changed since ExReady read it: collect again first.', before),
        backupSha256: null,
      },
    };
  backups.set(backupKey(request.server, request.path, request.preRollbackName), current);
  return {
    estate: replaceApp(
      estate,
      request.server,
      found.app,
      withBytes(found.app, saved, request.preRollbackName),
    ),
    result: {
      exreadyResult: 1,
      status: 'written',
      before,
      after: hash(saved),
      backup: request.preRollbackName,
      backupSha256: hash(saved),
      error: null,
    },
  };
}

/** The recycle script's parameters, as the app pool service sends them. */
export const LabRecycleRequest = z.object({
  server: z.string(),
  app: z.string(),
  timeoutSeconds: z.number(),
});
export type LabRecycleRequest = z.infer<typeof LabRecycleRequest>;

/** The app pool recycle as the lab answers it: healthy at once on a server it knows, refused elsewhere. */
export function recycleLabAppPool(
  estate: LabEstate,
  request: LabRecycleRequest,
  appPool: string | undefined,
) {
  const known = estate.exchangeServers.some(
    (host) =>
      host.fqdn.toLowerCase() === request.server.toLowerCase() && host.unreachable === null && !host.silent,
  );
  const refusedWith = (error: string) => ({
    exreadyResult: 1,
    status: 'refused',
    appPool: null,
    statusCode: null,
    attempts: 0,
    seconds: 0,
    error,
  });
  if (!known) return refusedWith(`The lab cannot reach ${request.server}.`);
  if (appPool === undefined) return refusedWith(`No Exchange app pool is known for the ${request.app} app.`);
  return {
    exreadyResult: 1,
    status: 'healthy',
    appPool,
    statusCode: 200,
    attempts: 1,
    seconds: 2,
    error: null,
  };
}
