import { encodeScriptParameters } from './script-process';

// The only text ever sent to a shell: constant script text, our own script path and a base64 literal.

const singleQuotes = /['\u2018\u2019\u201a\u201b]/g;
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A PowerShell single-quoted literal. PowerShell also ends such a string at the typographic quotes
 * U+2018..U+201B, so those are doubled too; control characters are refused (a path never has them).
 */
export function quotePowerShellLiteral(value: string): string {
  const control = [...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
  if (control) throw new Error('A PowerShell literal may not hold control characters');
  return `'${value.replace(singleQuotes, (quote) => quote + quote)}'`;
}

/** `& '<script>' -ParametersBase64 '<base64 of the JSON>'`: no parameter value becomes script text. */
export function buildScriptCommand(scriptPath: string, parameters: Record<string, unknown>): string {
  const encoded = encodeScriptParameters(parameters);
  // Belt and braces: base64 has no quote, so the literal cannot end early; prove it on every call.
  if (!base64Pattern.test(encoded)) throw new Error('Parameter encoding produced a non-base64 string');
  return `& ${quotePowerShellLiteral(scriptPath)} -ParametersBase64 '${encoded}'`;
}

/** What the script does with -ParametersBase64: the inverse of the encoding, for tests and fakes. */
export function decodeScriptParameters(encoded: string): unknown {
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
}
