import type { EvidenceValue } from '../../../shared/checks/check-result';

/** What the access token says about itself: decoded, not validated (EWS validates it). */
export interface AccessClaims {
  aud?: string;
  tid?: string;
  appid?: string;
  roles?: string[];
  scp?: string;
  upn?: string;
  /** Expiry, ISO 8601. */
  exp?: string;
}

const stringClaim = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Decodes the JWT payload; undefined when the token is not a JWT. The signature is never looked at. */
export function decodeAccessClaims(jwt: string): AccessClaims | undefined {
  const payload = jwt.split('.')[1];
  if (payload === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const claims = parsed as Record<string, unknown>;
  const out: AccessClaims = {};
  const aud = stringClaim(claims.aud);
  if (aud !== undefined) out.aud = aud;
  const tid = stringClaim(claims.tid);
  if (tid !== undefined) out.tid = tid;
  const appid = stringClaim(claims.appid) ?? stringClaim(claims.azp);
  if (appid !== undefined) out.appid = appid;
  if (Array.isArray(claims.roles))
    out.roles = claims.roles.filter((role): role is string => typeof role === 'string');
  const scp = stringClaim(claims.scp);
  if (scp !== undefined) out.scp = scp;
  const upn = stringClaim(claims.upn);
  if (upn !== undefined) out.upn = upn;
  if (typeof claims.exp === 'number') out.exp = new Date(claims.exp * 1000).toISOString();
  return out;
}

/** The claims as evidence (plain JSON). */
export function claimsEvidence(claims: AccessClaims | undefined): EvidenceValue {
  if (claims === undefined) return 'not a JWT: could not decode';
  return { ...claims };
}
