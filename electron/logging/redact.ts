import { isSecretFieldName, secretMask } from '../../shared/security/secrets';

export const redactedText = '[REDACTED]';

export interface Redactor {
  /** Returns a copy with secret-named fields and every known secret value masked. */
  redact<T>(value: T): T;
}

/**
 * Masks by field name (apiKey, MONOSIGN_API_SECRET, password...) and by value: any string
 * registered as a secret is masked wherever it appears, even inside an error message.
 */
export function createRedactor(knownSecrets: () => Iterable<string> = () => []): Redactor {
  const maskKnown = (text: string): string => {
    let out = text;
    for (const secret of knownSecrets()) {
      if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(redactedText);
    }
    return out;
  };

  const walk = (value: unknown, seen: WeakSet<object>): unknown => {
    if (typeof value === 'string') return maskKnown(value);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return '[Circular]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => walk(item, seen));
    if (value instanceof Error) {
      return {
        name: value.name,
        message: maskKnown(value.message),
        stack: value.stack && maskKnown(value.stack),
      };
    }
    const out: Record<string | symbol, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] =
        isSecretFieldName(key) && inner !== null && inner !== undefined && inner !== ''
          ? redactedText
          : walk(inner, seen);
    }
    // winston keeps level and message under symbols too; carry them over unchanged.
    for (const symbol of Object.getOwnPropertySymbols(value)) {
      const inner = (value as Record<symbol, unknown>)[symbol];
      out[symbol] = walk(inner, seen);
    }
    return out;
  };

  return { redact: <T>(value: T) => walk(value, new WeakSet()) as T };
}

export { secretMask };
