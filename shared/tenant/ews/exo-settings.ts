import { z } from 'zod';

// What resources/powershell/exo/Get-ExoEwsSettings.ps1 prints (ConvertTo-Json): the Exchange Online settings
// Graph cannot read. Field names are the cmdlets' own, so the admin can compare with what PowerShell showed.

/** ConvertTo-Json in Windows PowerShell 5.1 may print a one-item list as the item itself, or nothing as null. */
const list = <S extends z.ZodType>(item: S) =>
  z.preprocess(
    (value: unknown): unknown[] =>
      value === null || value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value],
    z.array(item),
  );

export const ExoOrganizationEws = z.looseObject({
  /** $null: not set (Microsoft sets it to $false on 1 October 2026); $true / $false as set. */
  EwsEnabled: z.boolean().nullable(),
  /** The apps allowed to use EWS when EwsEnabled is $true (Azure AD application ids). */
  EwsAllowedAppIDs: list(z.string()),
  EwsApplicationAccessPolicy: z.string().nullable().default(null),
});

export const ExoMailboxEws = z.looseObject({
  Identity: z.string().nullable().default(null),
  PrimarySmtpAddress: z.string().nullable().default(null),
  /** $null: the mailbox follows the organisation. */
  EwsEnabled: z.boolean().nullable(),
});

/** Get-ServicePrincipal: the ERP app's pointer in Exchange Online that RBAC for Applications assigns roles to. */
export const ExoServicePrincipal = z.looseObject({
  AppId: z.string(),
  ObjectId: z.string().nullable().default(null),
  DisplayName: z.string().nullable().default(null),
  Identity: z.string().nullable().default(null),
});

/** Get-ManagementRoleAssignment -RoleAssigneeType ServicePrincipal, for the ERP's service principal. */
export const ExoRoleAssignment = z.looseObject({
  Name: z.string(),
  Role: z.string(),
  RoleAssignee: z.string().nullable().default(null),
  CustomResourceScope: z.string().nullable().default(null),
  RecipientWriteScope: z.string().nullable().default(null),
});

/** Test-ServicePrincipalAuthorization -Identity <app> -Resource <mailbox>: one line per role. */
export const ExoAuthorization = z.looseObject({
  RoleName: z.string(),
  GrantedPermissions: z.string().nullable().default(null),
  AllowedResourceScope: z.string().nullable().default(null),
  ScopeType: z.string().nullable().default(null),
  InScope: z.boolean(),
});

/** Get-ApplicationAccessPolicy, for the ERP's app id (superseded by RBAC for Applications, still enforced). */
export const ExoApplicationAccessPolicy = z.looseObject({
  AppId: z.string(),
  ScopeName: z.string().nullable().default(null),
  AccessRight: z.enum(['RestrictAccess', 'DenyAccess']),
  Description: z.string().nullable().default(null),
});

/** Test-ApplicationAccessPolicy -AppId <app> -Identity <mailbox>. */
export const ExoAccessPolicyTest = z.looseObject({
  AppId: z.string(),
  Mailbox: z.string().nullable().default(null),
  AccessCheckResult: z.enum(['Granted', 'Denied']),
});

export const exoSettingsFormat = 'exready-exo-settings/1';

export const ExoSettings = z.object({
  format: z.literal(exoSettingsFormat),
  readAt: z.iso.datetime({ offset: true }),
  appId: z.string(),
  mailbox: z.string(),
  organization: ExoOrganizationEws,
  /** Null when Get-CASMailbox found no such mailbox. */
  casMailbox: ExoMailboxEws.nullable(),
  servicePrincipal: ExoServicePrincipal.nullable(),
  roleAssignments: list(ExoRoleAssignment),
  authorization: list(ExoAuthorization),
  applicationAccessPolicies: list(ExoApplicationAccessPolicy),
  /** Null when there is no application access policy to test. */
  accessPolicyTest: ExoAccessPolicyTest.nullable(),
});
export type ExoSettings = z.infer<typeof ExoSettings>;

/** The Exchange Online settings as the rules see them: imported (or read by the snippet), or why not. */
export type ExoSettingsRead =
  | { state: 'read'; source: string; value: ExoSettings }
  // command: the snippet's command line for this app and mailbox, for the admin to run.
  | { state: 'unknown'; cause: string; command?: string };

export const exoSettingsNotRead: Extract<ExoSettingsRead, { state: 'unknown' }> = {
  state: 'unknown',
  cause:
    'Graph cannot read the Exchange Online settings: run resources/powershell/exo/Get-ExoEwsSettings.ps1 (ExchangeOnlineManagement) and import its JSON with --exo-settings FILE',
};
