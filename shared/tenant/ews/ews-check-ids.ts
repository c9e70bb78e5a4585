/** The Exchange Online EWS checks of issue #15; the ids are part of the contract (reports, CLI, JSON). */
export const ewsCheckIds = [
  'ews.app',
  'ews.app.permission',
  'ews.app.consent',
  'ews.app.publicclient',
  'ews.app.secret',
  'ews.account.passwordflow',
  'ews.mailbox.scope',
  'ews.enabled',
  'ews.retirement',
  'ews.probe',
] as const;
export type EwsCheckId = (typeof ewsCheckIds)[number];

/** How the ERP signs in: the user's password (resource-owner password grant) or the app's own secret. */
export type EwsFlow = 'delegated' | 'app-only';
