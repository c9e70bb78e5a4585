import { z } from 'zod';

/** How an appSettings value is checked before it is written. */
export const SettingValidatorKind = z.enum([
  'https-url',
  'secret',
  'boolean',
  'windows-path',
  'email-list',
  'text',
]);
export type SettingValidatorKind = z.infer<typeof SettingValidatorKind>;

/** XML turns tabs and line breaks in attribute values into spaces, and forbids other control characters. */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const dnsLabel = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const ipv4 = '(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv6 = '\\[[0-9a-f:.]+\\]';
const httpsUrl = new RegExp(
  `^https://(?:${dnsLabel}(?:\\.${dnsLabel})*|${ipv4}|${ipv6})(?::(\\d{1,5}))?(?:[/?#][^\\s]*)?$`,
  'i',
);

// Characters Windows refuses in a path segment.
const windowsSegment = '[^\\\\/:*?"<>|]+';
const drivePath = new RegExp(`^[a-z]:\\\\(?:${windowsSegment}(?:\\\\${windowsSegment})*\\\\?)?$`, 'i');
const uncPath = new RegExp(
  `^\\\\\\\\${windowsSegment}\\\\${windowsSegment}(?:\\\\${windowsSegment})*\\\\?$`,
  'i',
);

const emailAddress =
  /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

/**
 * The 1-based character position of the first character XML 1.0 does not allow (U+FFFE, U+FFFF, a lone
 * surrogate), or null: such a value would make the planned web.config malformed, so the value itself is refused.
 */
export function firstNonXmlCharacter(value: string): { position: number; code: number } | null {
  let position = 0;
  for (let i = 0; i < value.length; i++) {
    position += 1;
    const code = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i += 1;
      continue;
    }
    if (code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) return { position, code };
  }
  return null;
}

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

/**
 * Why a value fails its validator, or null when it passes. The message never quotes the value,
 * so it can be shown even when the value is a secret.
 */
export function describeSettingProblem(kind: SettingValidatorKind, value: string): string | null {
  if (hasControlCharacter(value)) return 'contains a line break, tab or other control character';
  const nonXml = firstNonXmlCharacter(value);
  if (nonXml !== null)
    return `contains U+${hex4(nonXml.code)} at character ${nonXml.position}, which XML 1.0 does not allow in web.config`;
  switch (kind) {
    case 'https-url': {
      const match = httpsUrl.exec(value);
      if (match === null) return 'must be a well-formed https:// URL, e.g. https://monosign.contoso.com/';
      const port = match[1];
      if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return 'has a port out of range';
      return null;
    }
    case 'secret':
      return value.trim().length === 0 ? 'must not be empty' : null;
    case 'boolean':
      return /^(true|false)$/i.test(value) ? null : 'must be true or false';
    case 'windows-path':
      return drivePath.test(value) || uncPath.test(value)
        ? null
        : 'must be an absolute Windows path, e.g. C:\\monosign-logs or \\\\server\\share\\logs';
    case 'email-list':
      return describeEmailListProblem(value);
    case 'text':
      return null;
  }
}

// An empty list is allowed: it means no exceptions.
function describeEmailListProblem(value: string): string | null {
  if (value.length === 0) return null;
  const items = value.split(/[,;]/).map((item) => item.trim());
  const position = items.findIndex((item) => !emailAddress.test(item));
  if (position === -1) return null;
  return items[position] === ''
    ? 'has an empty entry (separate addresses with a comma or a semicolon)'
    : `entry ${position + 1} is not an e-mail address`;
}
