import { secretMask } from '../../shared/security/secrets';
import { splitLines } from './unified-diff';
import { escapeAttributeValue } from './xml-escape';
import type { XmlDocument, XmlElement } from './xml-scanner';

/** Where the values of secret appSettings entries sit, in any appSettings of the file. */
export function secretValueRanges(
  doc: XmlDocument,
  isSecretKey: (key: string) => boolean,
): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  const pending: XmlElement[] = [doc.root];
  for (let element = pending.pop(); element !== undefined; element = pending.pop()) {
    pending.push(...element.children);
    if (element.name !== 'add' || element.parent?.name !== 'appSettings') continue;
    const key = element.attributes.find((attribute) => attribute.name === 'key')?.value;
    const value = element.attributes.find((attribute) => attribute.name === 'value');
    if (key !== undefined && value !== undefined && isSecretKey(key)) {
      ranges.push({ start: value.valueStart, end: value.valueEnd });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * The file's lines as they may be shown: secret values masked in place and any known secret
 * masked wherever it appears. Line breaks inside a masked value are kept so line numbers still match.
 */
export function displayLines(
  doc: XmlDocument,
  isSecretKey: (key: string) => boolean,
  knownSecrets: readonly string[] = [],
): string[] {
  let masked = '';
  let cursor = 0;
  for (const range of secretValueRanges(doc, isSecretKey)) {
    const hidden = doc.text.slice(range.start, range.end);
    const keptBreaks = hidden.replace(/[^\n]/g, '');
    masked += doc.text.slice(cursor, range.start) + (hidden === '' ? '' : secretMask) + keptBreaks;
    cursor = range.end;
  }
  masked += doc.text.slice(cursor);
  return splitLines(masked).map((line) => maskKnownSecrets(line, knownSecrets));
}

/** Masks each known secret, as typed and as escaped in XML; very short values are left (they would mask noise). */
export function maskKnownSecrets(text: string, knownSecrets: readonly string[]): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([
      secret,
      escapeAttributeValue(secret, '"'),
      escapeAttributeValue(secret, "'"),
    ])) {
      out = out.split(form).join(secretMask);
    }
  }
  return out;
}
