// Errors and log lines quote user input: bounded, so a 10 MB value never becomes a 10 MB message.

export const maxQuotedChars = 200;

/** The value in double quotes, cut to 200 characters (with how much was left out), control characters escaped. */
export function quoteInput(value: unknown): string {
  const text = typeof value === 'string' ? value : safeText(value);
  const cut = text.length > maxQuotedChars ? text.slice(0, maxQuotedChars) : text;
  const visible = [...cut].map(escapeControl).join('');
  const rest = text.length - cut.length;
  return rest > 0 ? `"${visible}"… (${rest} more characters)` : `"${visible}"`;
}

function safeText(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? `array of ${value.length}` : 'an object';
}

function escapeControl(char: string): string {
  const code = char.charCodeAt(0);
  const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
  return control ? `\\u${code.toString(16).padStart(4, '0')}` : char;
}
