import type { ServerSource } from '../../../shared/domain/inventory';
import type { ServerRole } from '../store/inventory-slice';

/** What each server role is called on screen, so the list and the form for a role always agree. */
export const roleWording: Record<
  ServerRole,
  {
    title: string;
    listName: string;
    addButton: string;
    fieldLabel: string;
    placeholder: string;
    none: string;
  }
> = {
  exchange: {
    title: 'Exchange servers',
    listName: 'Exchange servers',
    addButton: 'Add Exchange servers',
    fieldLabel: 'Exchange server FQDNs, one per line',
    placeholder: 'exch01.contoso.com\nexch02.contoso.com',
    none: 'None yet: add them by name, import a CSV file or discover them from Active Directory.',
  },
  sync: {
    title: 'Sync servers',
    listName: 'sync servers',
    addButton: 'Add sync servers',
    fieldLabel: 'Sync server FQDNs, one per line',
    placeholder: 'sync01.contoso.com',
    none: 'None yet. Sync servers are the machines the sync service connects from: ExReady checks their TrustedHosts and TCP 5986 to Exchange.',
  },
};

export const sourceLabels: Record<ServerSource, string> = {
  manual: 'Added by name',
  csv: 'CSV import',
  'active-directory': 'Active Directory',
};
