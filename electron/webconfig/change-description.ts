import type { WebConfigChange } from './webconfig-operations';

const quoted = (value: string | null) => (value === null ? '(none)' : `"${value}"`);

/** One line per change for the CLI and the audit log; secret values arrive already masked. */
export function describeWebConfigChange(change: WebConfigChange): string {
  switch (change.kind) {
    case 'section-created':
      return `+ <${change.section}> created in <${change.parent}>`;
    case 'app-setting-added':
      return `+ appSettings ${change.key} = ${quoted(change.value)}`;
    case 'app-setting-updated':
      return `~ appSettings ${change.key}: ${quoted(change.from)} -> ${quoted(change.to)}`;
    case 'app-setting-removed':
      return `- appSettings ${change.key} (was ${quoted(change.from)})`;
    case 'module-added':
      return `+ modules ${change.name} (${change.type}), last in the list`;
    case 'module-type-updated':
      return `~ modules ${change.name} type: ${quoted(change.from)} -> ${quoted(change.to)}`;
    case 'module-moved-to-end':
      return `~ modules ${change.name} moved to the end of the list`;
  }
}
