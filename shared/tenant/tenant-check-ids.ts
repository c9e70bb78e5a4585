/** The Microsoft 365 check ids (issue #14): reports, the CLI and independent checks use them. */
export const tenantCheckIds = [
  'm365.provisioning.app',
  'm365.provisioning.permissions',
  'm365.provisioning.consent',
  'm365.provisioning.secret',
  'm365.securitydefaults',
  'm365.peruser.mfa',
  'm365.conditionalaccess.mfa',
  'm365.sspr',
  'm365.registration',
  'm365.domain.federation',
] as const;
export type TenantCheckId = (typeof tenantCheckIds)[number];

export const tenantCheckTitles: Record<TenantCheckId, string> = {
  'm365.provisioning.app': 'Provisioning app registration',
  'm365.provisioning.permissions': 'Provisioning app permissions',
  'm365.provisioning.consent': 'Admin consent for the provisioning app',
  'm365.provisioning.secret': 'Provisioning app secret',
  'm365.securitydefaults': 'Security defaults',
  'm365.peruser.mfa': 'Per-user MFA',
  'm365.conditionalaccess.mfa': 'Conditional Access MFA policies',
  'm365.sspr': 'Self-service password reset',
  'm365.registration': 'Authentication methods registration campaign',
  'm365.domain.federation': 'Federated domain',
};
