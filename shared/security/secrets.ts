// Names of fields whose values are secrets wherever they appear (logs, reports, previews).
const secretFieldPattern =
  /(secret|password|passwd|pwd|api[-_]?key|access[-_]?key|token|credential|authorization|private[-_]?key|connection[-_]?string)/i;

export const secretMask = '********';

export function isSecretFieldName(name: string): boolean {
  return secretFieldPattern.test(name);
}

/** Masks a secret for display: never reveals any of its characters or its length. */
export function maskSecret(value: string): string {
  return value.length === 0 ? '' : secretMask;
}
