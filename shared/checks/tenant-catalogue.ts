import { tenantCheckIds, tenantCheckTitles, type TenantCheckId } from '../tenant/tenant-check-ids';

// The Microsoft 365 checks (issue #14) as the reports name them: one entry per m365.* id, in the ids' order.

export const tenantArea = 'Microsoft 365' as const;

export interface TenantCheckMetadata {
  id: TenantCheckId;
  title: string;
  area: typeof tenantArea;
}

export const tenantCatalogue: readonly TenantCheckMetadata[] = tenantCheckIds.map((id) => ({
  id,
  title: tenantCheckTitles[id],
  area: tenantArea,
}));
