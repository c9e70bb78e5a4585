import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { MfaAppFacts, WebConfigFileFacts } from '../../shared/facts/mfa-facts';
import { isSecretSettingKey } from '../../shared/integrations/desired-settings';
import { monosignProfile } from '../../shared/integrations/monosign-profile';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import type { NewSavedRun } from '../../shared/runs/run-records';
import { decodeConfig, encodeConfig } from './config-encoding';
import { secretValueRanges } from './secret-display';
import { readWebConfig } from './webconfig-reader';

// A saved run never holds a web.config secret in clear: values become keyed hashes, the bytes are sealed.

/** Where the 32-byte install key comes from: the secret store, or this process alone. */
export type RunKeySource = () => Promise<Buffer>;

/** The prefix of a hashed secret value, so a reader knows it is not the value itself. */
export const hashedSecretPrefix = 'exready-hmac-sha256:';

let processKey: Buffer | null = null;

/** A key for this process only: its sealed bytes cannot be opened after a restart (collect again then). */
export const processRunKey: RunKeySource = () => Promise.resolve((processKey ??= randomBytes(32)));

const derive = (key: Buffer, purpose: string) =>
  Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `exready run facts ${purpose}`, 32));

/** The value as a saved run keeps it: equal values hash alike (drift still shows), nothing reveals the value. */
export function hashSecretValue(key: Buffer, raw: string): string {
  return hashedSecretPrefix + createHmac('sha256', derive(key, 'hmac')).update(raw, 'utf8').digest('hex');
}

/** AES-256-GCM of the file's bytes under the install key, as base64 (iv, tag, ciphertext). */
function seal(key: Buffer, bytes: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(key, 'seal'), iv);
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The sealed web.config cannot be opened here (another install, a restart without a stored key, no copy). */
export class SealedWebConfigError extends Error {
  constructor(reason: string) {
    super(
      `the saved run does not hold this web.config's bytes for planning (${reason}): check the server again`,
    );
    this.name = 'SealedWebConfigError';
  }
}

/** The bytes the server sent, opened from their sealed copy and checked against the server's hash. */
export function unsealWebConfig(key: Buffer, facts: WebConfigFileFacts): Buffer {
  if (facts.sealed === undefined) return Buffer.from(facts.base64, 'base64');
  const sealed = Buffer.from(facts.sealed, 'base64');
  let bytes: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', derive(key, 'seal'), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    bytes = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  } catch {
    throw new SealedWebConfigError('it was sealed with a key this session does not hold');
  }
  return bytes;
}

/** The file's text with every secret appSettings value replaced by its keyed hash, in the file's encoding. */
function hashedWebConfig(key: Buffer, bytes: Uint8Array): Uint8Array {
  const { text, encoding } = decodeConfig(bytes);
  const isSecret = (name: string) => isSecretSettingKey(monosignProfile, name);
  let out = '';
  let cursor = 0;
  for (const range of secretValueRanges(readWebConfig(text), isSecret)) {
    const raw = text.slice(range.start, range.end);
    out += text.slice(cursor, range.start) + (raw === '' ? '' : hashSecretValue(key, raw));
    cursor = range.end;
  }
  return encodeConfig(out + text.slice(cursor), encoding);
}

function protectApp(key: Buffer, app: MfaAppFacts): MfaAppFacts {
  const file = app.webConfig;
  if (file.status !== 'collected' || file.value.sealed !== undefined) return app;
  const bytes = Buffer.from(file.value.base64, 'base64');
  try {
    const hashed = hashedWebConfig(key, bytes);
    return {
      ...app,
      webConfig: {
        status: 'collected',
        // The hash stays the server's: it is what a later write must match.
        value: { ...file.value, base64: Buffer.from(hashed).toString('base64'), sealed: seal(key, bytes) },
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...app,
      webConfig: {
        status: 'not-collected',
        error: `${reason} (its bytes are not kept: they may hold secrets)`,
      },
    };
  }
}

/** Saved facts as they may be written to disk: every collected web.config hashed and sealed. */
export function protectFactsSecrets<T extends NewSavedRun['savedFacts']>(facts: T, key: Buffer): T {
  return {
    ...facts,
    servers: facts.servers.map((server) =>
      server.status !== 'collected' || server.mfa?.status !== 'collected'
        ? server
        : {
            ...server,
            mfa: {
              ...server.mfa,
              value: { ...server.mfa.value, apps: server.mfa.value.apps.map((app) => protectApp(key, app)) },
            },
          },
    ),
  };
}

/** The run as it may be written to disk. */
export function protectRunSecrets<T extends NewSavedRun>(run: T, key: Buffer): T {
  return { ...run, savedFacts: protectFactsSecrets(run.savedFacts, key) };
}

/** A saved server's facts with each sealed web.config opened again, for planning in main only. */
export function revealWebConfigs(facts: CollectedServerFacts, key: Buffer): CollectedServerFacts {
  if (facts.mfa?.status !== 'collected') return facts;
  const apps = facts.mfa.value.apps.map((app): MfaAppFacts => {
    const file = app.webConfig;
    if (file.status !== 'collected' || file.value.sealed === undefined) return app;
    const { sealed: _sealed, ...rest } = file.value;
    const base64 = unsealWebConfig(key, file.value).toString('base64');
    return { ...app, webConfig: { status: 'collected', value: { ...rest, base64 } } };
  });
  return { ...facts, mfa: { ...facts.mfa, value: { ...facts.mfa.value, apps } } };
}
