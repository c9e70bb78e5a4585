import type { IntegrationProfile } from '../../../shared/integrations/integration-profile';
import type { SavedRun } from '../../../shared/runs/run-records';

/** The app's web.config text as the run collected it, or null when it was not read. */
export function collectedWebConfig(run: SavedRun, server: string, app: string): string | null {
  const facts = run.savedFacts.servers.find((entry) => entry.fqdn === server);
  if (facts?.status !== 'collected' || facts.mfa?.status !== 'collected') return null;
  const file = facts.mfa.value.apps.find((entry) => entry.app === app)?.webConfig;
  if (file?.status !== 'collected') return null;
  const bytes = Uint8Array.from(atob(file.value.base64), (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * The profile's non-secret settings as the file holds them now, to start the form from; the first entry
 * of a key wins (the plan refuses duplicates anyway). Secrets are never read back into the window's form.
 */
export function currentSettings(
  profile: IntegrationProfile,
  webConfig: string | null,
): Record<string, string> {
  if (webConfig === null) return {};
  const document = new DOMParser().parseFromString(webConfig, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) return {};
  const found: Record<string, string> = {};
  for (const element of Array.from(document.querySelectorAll('configuration > appSettings > add'))) {
    const key = element.getAttribute('key');
    const setting = profile.appSettings.find((entry) => entry.key.toLowerCase() === key?.toLowerCase());
    if (setting === undefined || setting.secret || setting.key in found) continue;
    found[setting.key] = element.getAttribute('value') ?? '';
  }
  return found;
}
