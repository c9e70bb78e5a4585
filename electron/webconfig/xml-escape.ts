/**
 * Escapes a value for an attribute delimited by `quote`: & < > always, and the delimiting quote.
 * Callers refuse control characters first (XML would turn tabs and line breaks into spaces).
 */
export function escapeAttributeValue(value: string, quote: '"' | "'" = '"'): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return quote === '"' ? escaped.replace(/"/g, '&quot;') : escaped.replace(/'/g, '&apos;');
}

export function renderAttribute(name: string, value: string, quote: '"' | "'" = '"'): string {
  return `${name}=${quote}${escapeAttributeValue(value, quote)}${quote}`;
}
