import { isSecretFieldName, secretMask } from '../../shared/security/secrets';

// The masking every report format goes through: secret-named fields and known secret values never leave it.

/** Replaces every known secret (4 characters or more, as the log redactor does) inside a text. */
export function maskKnownSecrets(text: string, knownSecrets: readonly string[]): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(secretMask);
  }
  return out;
}

/** A deep copy with secret-named fields masked (booleans and nulls kept: they reveal nothing) and known values masked. */
export function maskSecrets<T>(value: T, knownSecrets: readonly string[]): T {
  const walk = (inner: unknown, name: string | null): unknown => {
    if (typeof inner === 'boolean' || inner === null || inner === undefined) return inner;
    if (name !== null && isSecretFieldName(name) && inner !== '') return secretMask;
    if (typeof inner === 'string') return maskKnownSecrets(inner, knownSecrets);
    if (Array.isArray(inner)) return inner.map((item) => walk(item, null));
    if (typeof inner === 'object')
      return Object.fromEntries(
        Object.entries(inner).map(([key, item]) => [maskKnownSecrets(key, knownSecrets), walk(item, key)]),
      );
    return inner;
  };
  return walk(value, null) as T;
}
