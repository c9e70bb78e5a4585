// Errors and log lines quote user input: bounded, so a 10 MB value never becomes a 10 MB message.

export const maxQuotedChars = 200;

/** The value in double quotes, cut to 200 characters (with how much was left out), control characters escaped. */
export function quoteInput(value: unknown): string {
  const text = typeof value === 'string' ? value : safeText(value);
  const cut = text.length > maxQuotedChars ? text.slice(0, maxQuotedChars) : text;
  const visible = cut.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const rest = text.length - cut.length;
  return rest > 0 ? `"${visible}"… (${rest} more characters)` : `"${visible}"`;
}

function safeText(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? `array of ${value.length}` : 'an object';
}
