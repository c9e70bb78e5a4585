import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../storage/atomic-file';

/**
 * Electron's safeStorage, as far as the store needs it: its asynchronous API (the synchronous one
 * is deprecated in Electron 45 and goes away in 46). main.ts passes safeStorage itself (this file never imports electron).
 */
export interface StringEncryptor {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/** The secrets ExReady keeps: the MFA module's API key and secret, and alternate credentials per name. */
export const SecretName = z.union([
  z.enum(['MONOSIGN_API_KEY', 'MONOSIGN_API_SECRET', 'exready:run-facts-key']),
  z.string().regex(/^credential:[A-Za-z0-9._@\\-]{1,200}$/),
]);
export type SecretName = z.infer<typeof SecretName>;

export function credentialSecretName(account: string): SecretName {
  return SecretName.parse(`credential:${account}`);
}

export class SecretStoreUnavailableError extends Error {
  constructor() {
    super(
      'The operating system offers no encryption for this user (safeStorage is unavailable): ExReady will not store secrets in plain text.',
    );
    this.name = 'SecretStoreUnavailableError';
  }
}

/** secrets.json exists but cannot be used: cut short, not ExReady's shape, or encrypted for another user or machine. */
export class UnreadableSecretsError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'UnreadableSecretsError';
  }
}

// On disk: only base64 of the encrypted bytes, never the text.
const SecretsFile = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

export interface SecretStore {
  set(name: SecretName, value: string): Promise<void>;
  get(name: SecretName): Promise<string | null>;
  delete(name: SecretName): Promise<void>;
  names(): Promise<SecretName[]>;
  /** Every stored value, decrypted, for the redactor: createRedactor(() => store.knownSecrets()). */
  knownSecrets(): string[];
}

/** Secrets encrypted with the injected encryptor, in <userData>/secrets.json, written atomically. */
export async function openSecretStore(userDataDir: string, encryptor: StringEncryptor): Promise<SecretStore> {
  const path = join(userDataDir, 'secrets.json');
  let file: z.infer<typeof SecretsFile> = { version: 1, secrets: {} };
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) file = parseSecretsFile(path, text);
  // Decrypted once at open so the redactor's synchronous callback can list them.
  const known = new Map<string, string>();
  let reEncrypted = false;
  if (Object.keys(file.secrets).length > 0 && (await encryptor.isAsyncEncryptionAvailable())) {
    for (const [name, encrypted] of Object.entries(file.secrets)) {
      let decrypted: { result: string; shouldReEncrypt: boolean };
      try {
        decrypted = await encryptor.decryptStringAsync(Buffer.from(encrypted, 'base64'));
      } catch {
        throw new UnreadableSecretsError(
          path,
          `${name} cannot be decrypted: the file was encrypted for another user or on another machine (Windows data protection keys are per user and machine)`,
        );
      }
      known.set(name, decrypted.result);
      // The OS rotated its key: store the value again under the new one.
      if (decrypted.shouldReEncrypt) {
        file.secrets[name] = (await encryptor.encryptStringAsync(decrypted.result)).toString('base64');
        reEncrypted = true;
      }
    }
  }
  const save = () => writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
  if (reEncrypted) await save();

  return {
    async set(name, value) {
      SecretName.parse(name);
      if (!(await encryptor.isAsyncEncryptionAvailable())) throw new SecretStoreUnavailableError();
      const encrypted = (await encryptor.encryptStringAsync(value)).toString('base64');
      file = { ...file, secrets: { ...file.secrets, [name]: encrypted } };
      await save();
      known.set(name, value);
    },
    async get(name) {
      const encrypted = file.secrets[name];
      if (encrypted === undefined) return null;
      if (!(await encryptor.isAsyncEncryptionAvailable())) throw new SecretStoreUnavailableError();
      return (await encryptor.decryptStringAsync(Buffer.from(encrypted, 'base64'))).result;
    },
    async delete(name) {
      if (!(name in file.secrets)) return;
      const { [name]: _removed, ...rest } = file.secrets;
      file = { ...file, secrets: rest };
      await save();
      known.delete(name);
    },
    names: () =>
      Promise.resolve(
        Object.keys(file.secrets).filter(
          (name) => SecretName.safeParse(name).success && name !== runFactsKeyName,
        ),
      ),
    knownSecrets: () => [...known.values()],
  };
}

/** The install key saved runs hash and seal web.config secrets with; kept by the store, never listed to the window. */
const runFactsKeyName = 'exready:run-facts-key';

/**
 * The install key from the store, created on first use; where the store cannot encrypt, a key for this
 * process only (runs then cannot be planned on after a restart, and nothing is kept in clear).
 */
export function storedRunKeySource(
  store: SecretStore,
  fallback: () => Promise<Buffer>,
): () => Promise<Buffer> {
  let key: Promise<Buffer> | null = null;
  const load = async (): Promise<Buffer> => {
    const stored = await store.get(runFactsKeyName).catch(() => null);
    if (stored !== null && /^[0-9a-f]{64}$/.test(stored)) return Buffer.from(stored, 'hex');
    const created = randomBytes(32);
    try {
      await store.set(runFactsKeyName, created.toString('hex'));
      return created;
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) return fallback();
      throw error;
    }
  };
  return () => (key ??= load());
}

/** The file's JSON and shape, or an UnreadableSecretsError naming what is wrong (no value is quoted). */
export function parseSecretsFile(path: string, text: string): z.infer<typeof SecretsFile> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UnreadableSecretsError(path, 'it is not valid JSON: cut short or damaged');
  }
  const parsed = SecretsFile.safeParse(json);
  if (!parsed.success) throw new UnreadableSecretsError(path, "it is not ExReady's secrets file (version 1)");
  return parsed.data;
}
