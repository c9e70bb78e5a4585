/** A DNS name compared as DNS does: case-insensitive, without a trailing dot. */
export function canonicalHostName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * Whether a certificate name (CN or SAN DNS name) covers a host name, per RFC 6125 section 6.4.3:
 * a wildcard is allowed only as the whole left-most label and stands for exactly one label.
 */
export function certificateNameMatches(pattern: string, host: string): boolean {
  const wanted = canonicalHostName(host);
  const name = canonicalHostName(pattern);
  if (wanted === '' || name === '') return false;
  if (!name.includes('*')) return name === wanted;
  const patternLabels = name.split('.');
  const hostLabels = wanted.split('.');
  // "*.com" would cover a whole top-level domain: refuse wildcards with fewer than two fixed labels.
  if (patternLabels[0] !== '*' || patternLabels.length < 3) return false;
  if (patternLabels.slice(1).some((label) => label.includes('*'))) return false;
  if (hostLabels.length !== patternLabels.length || hostLabels[0] === '') return false;
  return patternLabels.slice(1).every((label, index) => label === hostLabels[index + 1]);
}

/** The CN values of an X.500 subject such as `CN=exch01.contoso.com, OU=IT, O="Contoso, Ltd"`. */
export function subjectCommonNames(subject: string): string[] {
  const names: string[] = [];
  const rdn = /(?:^|[,;+])\s*([A-Za-z0-9.]+)\s*=\s*("(?:[^"]|"")*"|(?:\\.|[^,;+])*)/g;
  for (const match of subject.matchAll(rdn)) {
    const [, key, rawValue] = match;
    if (key === undefined || rawValue === undefined || key.toUpperCase() !== 'CN') continue;
    const value = rawValue.trim();
    names.push(value.startsWith('"') ? value.slice(1, -1).replace(/""/g, '"') : value);
  }
  return names;
}
