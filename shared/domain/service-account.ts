import { z } from 'zod';
import { quoteInput } from './quote-input';

// Characters Windows forbids in a sAMAccountName.
const forbidden = /["/\\[\]:;|=,+*?<>@]/;

/** Why a service account name is not DOMAIN\name or name@domain, or null when it is one. */
export function describeServiceAccountProblem(value: string): string | null {
  if (value.length === 0) return 'is empty';
  if (value.length > 256) return 'is longer than 256 characters';
  const slash = value.indexOf('\\');
  if (slash >= 0) {
    const domain = value.slice(0, slash);
    const name = value.slice(slash + 1);
    if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,14}$/.test(domain)) return `has an invalid domain "${domain}"`;
    if (name.length === 0 || name.length > 20 || forbidden.test(name))
      return `has an invalid account name "${name}"`;
    return null;
  }
  const at = value.lastIndexOf('@');
  if (at > 0) {
    const name = value.slice(0, at);
    const domain = value.slice(at + 1);
    if (forbidden.test(name) || /\s/.test(name)) return `has an invalid account name "${name}"`;
    if (!/^([a-z0-9-]+\.)+[a-z0-9-]+$/i.test(domain)) return `has an invalid domain "${domain}"`;
    return null;
  }
  return 'is not DOMAIN\\name or name@domain (e.g. CONTOSO\\svc-sync)';
}

/** The account the sync service connects as: DOMAIN\name or a user principal name. */
export const ServiceAccount = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = describeServiceAccountProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `${quoteInput(value)} ${problem}` });
  });
