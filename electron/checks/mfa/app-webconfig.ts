import type { MfaAppFacts } from '../../../shared/facts/mfa-facts';
import { readCollection, type CollectionState } from '../../webconfig/collection-entries';
import { decodeConfig } from '../../webconfig/config-encoding';
import { locateAppSettings, locateModules } from '../../webconfig/config-sections';
import { readWebConfig } from '../../webconfig/webconfig-reader';

/** An app's web.config as the rules read it: through the editor's reader, never a second parser. */
export interface AppWebConfig {
  appSettings: CollectionState | null;
  modules: CollectionState | null;
}

export type AppWebConfigRead =
  { ok: true; config: AppWebConfig } | { ok: false; reason: 'not-collected' | 'unreadable'; message: string };

const cache = new WeakMap<MfaAppFacts, AppWebConfigRead>();

function read(app: MfaAppFacts): AppWebConfigRead {
  if (app.webConfig.status === 'not-collected')
    return { ok: false, reason: 'not-collected', message: app.webConfig.error };
  try {
    const { text } = decodeConfig(Buffer.from(app.webConfig.value.base64, 'base64'));
    const doc = readWebConfig(text);
    const settings = locateAppSettings(doc);
    const { modules } = locateModules(doc);
    return {
      ok: true,
      config: {
        appSettings: settings === null ? null : readCollection(settings, 'key'),
        modules: modules === null ? null : readCollection(modules, 'name'),
      },
    };
  } catch (error) {
    return {
      ok: false,
      reason: 'unreadable',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Decoded once per app facts object: three rules read the same file. */
export function readAppWebConfig(app: MfaAppFacts): AppWebConfigRead {
  const known = cache.get(app);
  if (known !== undefined) return known;
  const result = read(app);
  cache.set(app, result);
  return result;
}
