import { remotingFixIds } from '../checks/remoting-fix-ids';

// A planned fix in one sentence, from its id, its parameters and the check's evidence: what changes, where, from what to what.

/** What the sentence is built from: the previewed parameters (an undo carries `restore`) and the check's current evidence. */
export interface FixDescriptionInput {
  fixId: string;
  server: string;
  parameters: Readonly<Record<string, unknown>>;
  /** The evidence of the check this fix turns green, in the newest results; null when not read. */
  current: Readonly<Record<string, unknown>> | null;
}

type Fields = Readonly<Record<string, unknown>>;

const record = (value: unknown): Fields | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : [];

/** One parameter as the admin typed it: text as is (one backslash stays one), lists comma-separated, flags Yes/No. */
export function formatFixValue(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(formatFixValue).join(', ');
  const fields = Object.entries(value as Fields);
  if (fields.length === 0) return 'none';
  return fields.map(([key, item]) => `${key} ${formatFixValue(item)}`).join(', ');
}

const serviceState = (state: Fields | null): string | null => {
  const status = text(state?.status);
  const startType = text(state?.startType);
  return status === null || startType === null ? null : `${status} (start type ${startType})`;
};
const member = (state: Fields | null): string | null =>
  typeof state?.member === 'boolean' ? (state.member ? 'a member' : 'not a member') : null;
const delegation = (state: Fields | null): string | null =>
  typeof state?.trustedForDelegation === 'boolean' ? (state.trustedForDelegation ? 'True' : 'False') : null;
const quoted = (value: string | null): string | null =>
  value === null ? null : value === '' ? '(empty)' : `"${value}"`;
const ruleState = (state: Fields | null): string | null => {
  if (state === null || !('rule' in state)) return null;
  const rule = record(state.rule);
  return rule === null ? 'no rule' : `a rule allowing ${formatFixValue(list(rule.remoteAddresses))}`;
};
const listenerState = (state: Fields | null): string | null => {
  if (state === null || !('listener' in state)) return null;
  const listener = record(state.listener);
  return listener === null ? 'no HTTPS listener' : `an HTTPS listener (${formatFixValue(listener)})`;
};

/** The before and after an undo restores, as its preview carries them in `restore`. */
function restoreOf(parameters: Fields): { before: Fields | null; after: Fields | null } | null {
  const restore = record(parameters.restore);
  return restore === null ? null : { before: record(restore.before), after: record(restore.after) };
}

/** "from X to Y", or "to Y" with why the from is missing; an undo reads "from Y back to X". */
function fromTo(from: string | null, to: string | null, undo: boolean): string {
  const target = to ?? 'its recorded value';
  if (from === null) return `to ${target} (its current value was not read)`;
  return `from ${from} ${undo ? 'back ' : ''}to ${target}`;
}

function undoSentence(
  subject: string,
  where: string,
  state: (value: Fields | null) => string | null,
  restore: {
    before: Fields | null;
    after: Fields | null;
  },
): string {
  return `Sets ${subject} on ${where} ${fromTo(state(restore.after), state(restore.before), true)}`;
}

function trustedHostsOf(current: Fields | null, syncServer: string): string | null {
  const bySync = record(current?.bySyncServer);
  const entry = record(bySync?.[syncServer]);
  return entry === null || !('value' in entry) ? null : typeof entry.value === 'string' ? entry.value : null;
}

/** The planned change in one sentence: "Sets CbtHardeningLevel on exch02.contoso.com from Relaxed to None". */
export function describeFix({ fixId, server, parameters, current }: FixDescriptionInput): string {
  const restore = restoreOf(parameters);
  const ids = remotingFixIds;
  switch (fixId) {
    case ids.cbtHardeningNone: {
      const level = (value: Fields | null) => text(value?.level);
      if (restore !== null) return undoSentence('CbtHardeningLevel', server, level, restore);
      return `Sets CbtHardeningLevel on ${server} ${fromTo(text(current?.cbtHardeningLevel), text(parameters.level) ?? 'None', false)}`;
    }
    case ids.winrmServiceStart: {
      if (restore !== null) return undoSentence('the WinRM service', server, serviceState, restore);
      return `Sets the WinRM service on ${server} ${fromTo(serviceState(current), 'Running (start type Automatic)', false)}`;
    }
    case ids.serviceAccountAddToRemoteManagementUsers: {
      const account = text(parameters.account) ?? text(current?.serviceAccount) ?? 'the sync account';
      if (restore !== null)
        return `${restore.before?.member === false ? 'Removes' : 'Restores'} ${account} ${restore.before?.member === false ? 'from' : 'to'} Remote Management Users on ${server} (${fromTo(member(restore.after), member(restore.before), true)})`;
      return `Adds ${account} to Remote Management Users on ${server}`;
    }
    case ids.trustedForDelegation: {
      const where = `the computer account of ${server} in Active Directory`;
      if (restore !== null) return undoSentence('TrustedForDelegation', where, delegation, restore);
      const now = typeof current?.trustedForDelegation === 'boolean' ? delegation(current) : null;
      return `Sets TrustedForDelegation on ${where} ${fromTo(now, 'True', false)}`;
    }
    case ids.firewallAllow5986: {
      if (restore !== null) return undoSentence('the inbound TCP 5986 rule', server, ruleState, restore);
      return `Adds an inbound rule on ${server} allowing TCP 5986 from ${formatFixValue(list(parameters.remoteAddresses))}`;
    }
    case ids.trustedHostsAddServer: {
      const sync = text(parameters.syncServer) ?? 'the sync server';
      const value = (state: Fields | null) => quoted(text(state?.value) ?? (state?.value === '' ? '' : null));
      if (restore !== null) return undoSentence('TrustedHosts', sync, value, restore);
      const hosts = formatFixValue(list(parameters.hosts));
      return `Adds ${hosts} to TrustedHosts on ${sync}${(() => {
        const now = trustedHostsOf(current, sync);
        return now === null ? '' : ` (now ${quoted(now) ?? '(empty)'})`;
      })()}`;
    }
    case ids.httpsListenerCreate: {
      if (restore !== null) return undoSentence('the WinRM HTTPS listener', server, listenerState, restore);
      const certificate =
        parameters.selfSigned === true
          ? 'a new self-signed certificate'
          : `certificate ${text(parameters.thumbprint) ?? '(not chosen)'}`;
      return `Creates the WinRM HTTPS listener on ${server} (port 5986) with ${certificate}`;
    }
    case ids.httpsListenerEnable: {
      const enabled = (state: Fields | null) =>
        typeof state?.enabled === 'boolean' ? (state.enabled ? 'enabled' : 'disabled') : null;
      if (restore !== null) return undoSentence('the WinRM HTTPS listener', server, enabled, restore);
      return `Enables the WinRM HTTPS listener on ${server} (port 5986)`;
    }
    case ids.listenerCertificateReplace: {
      const thumbprint = (state: Fields | null) => text(state?.thumbprint);
      if (restore !== null)
        return undoSentence("the HTTPS listener's certificate", server, thumbprint, restore);
      return `Sets the HTTPS listener's certificate on ${server} ${fromTo(text(current?.thumbprint), text(parameters.thumbprint), false)}`;
    }
    case ids.sessionConfigurationReset:
      return `Runs Enable-PSRemoting on ${server}: microsoft.powershell ${fromTo(quoted(text(current?.permission)), 'the default permissions (Administrators, Remote Management Users)', false)}`;
    default:
      return `Runs ${fixId} on ${server}`;
  }
}
