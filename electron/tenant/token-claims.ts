/**
 * The delegated permissions an access token carries (its `scp` claim), read without verifying it: the
 * client only uses them to name what a 403 lacks; Graph itself checks the signature.
 */
export function grantedScopesOfToken(token: string): string[] {
  const payload = token.split('.')[1];
  if (payload === undefined || payload === '') return [];
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scp?: unknown };
    return typeof claims.scp === 'string' ? claims.scp.split(' ').filter((scope) => scope !== '') : [];
  } catch {
    return [];
  }
}
