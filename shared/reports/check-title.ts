import { MfaAppCheckKind, mfaCatalogue } from '../checks/mfa-catalogue';
import { remotingCatalogue } from '../checks/remoting-catalogue';
import { tenantCatalogue } from '../checks/tenant-catalogue';
import { ewsCheckTitles } from '../tenant/ews/ews-references';

// Every report names a check by its catalogue title; the id is only the fallback for a check no catalogue knows.

const appCheck = new RegExp(`^mfa\\.([a-z0-9-]+)\\.(${MfaAppCheckKind.options.join('|')})$`);

const ewsTitles: Readonly<Record<string, string>> = ewsCheckTitles;

/** The title of a check: the Remote PowerShell, Microsoft 365, Exchange Online mail or MFA catalogue, else its id. */
export function checkTitle(checkId: string): string {
  const ews = ewsTitles[checkId];
  if (ews !== undefined) return ews;
  const remoting = remotingCatalogue.find((entry) => entry.id === checkId);
  if (remoting !== undefined) return remoting.title;
  const tenant = tenantCatalogue.find((entry) => entry.id === checkId);
  if (tenant !== undefined) return tenant.title;
  const app = appCheck.exec(checkId)?.[1];
  const mfa = mfaCatalogue(app === undefined ? [] : [app]).find((entry) => entry.id === checkId);
  return mfa?.title ?? checkId;
}
