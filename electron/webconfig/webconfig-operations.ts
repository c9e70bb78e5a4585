import type { TextSplice } from './config-layout';

/** What an integration asks of a web.config; each operation is "ensure", so applying it twice is a no-op. */
export type WebConfigOperation =
  | { kind: 'ensure-app-setting'; key: string; value: string }
  | { kind: 'remove-app-setting'; key: string }
  | { kind: 'ensure-module'; name: string; type: string };

/** One semantic change the edit makes, as shown to the admin and recorded in the audit log. */
export type WebConfigChange =
  | { kind: 'section-created'; section: 'appSettings' | 'system.webServer' | 'modules'; parent: string }
  | { kind: 'app-setting-added'; key: string; value: string }
  | { kind: 'app-setting-updated'; key: string; from: string | null; to: string }
  | { kind: 'app-setting-removed'; key: string; from: string | null }
  | { kind: 'module-added'; name: string; type: string }
  | { kind: 'module-type-updated'; name: string; from: string | null; to: string }
  | { kind: 'module-moved-to-end'; name: string };

/** The planned edit: text in, text out, plus the splices (offsets in `before`, in order) and what they mean. */
export interface WebConfigEdit {
  before: string;
  after: string;
  splices: readonly TextSplice[];
  changes: readonly WebConfigChange[];
}
