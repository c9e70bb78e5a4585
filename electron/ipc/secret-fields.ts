import type { InvokeChannel } from '../../shared/ipc/contract';

// Request fields that carry a secret: the router blanks their values out of every line it logs or answers.

const secretFields: Partial<Record<InvokeChannel, readonly (readonly string[])[]>> = {
  'secrets:set': [['value']],
  'tenant:check-ews': [['probe', 'secret']],
  'prove:connection': [['password']],
};

export const redactedSecret = '[secret]';

function valueAt(request: unknown, path: readonly string[]): unknown {
  let value = request;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The secret values a raw request carries (before validation: an invalid request is redacted too). */
export function secretValuesOf(channel: InvokeChannel, request: unknown): string[] {
  return (secretFields[channel] ?? []).flatMap((path) => {
    const value = valueAt(request, path);
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}

/** The text with every secret value replaced, longest first so a secret inside another cannot survive. */
export function redactSecretValues(text: string, secrets: readonly string[]): string {
  return [...secrets]
    .sort((a, b) => b.length - a.length)
    .reduce((out, secret) => out.split(secret).join(redactedSecret), text);
}
