import type { SavedFacts } from '../../shared/facts/saved-facts';
import { processRunKey, protectFactsSecrets } from '../webconfig/run-webconfig-protection';
import { writeFileAtomic } from './atomic-file';

/**
 * Saves a run's facts for `exready evaluate --facts` and reports: whole or not at all, and as a saved run
 * keeps them (web.config secret values as keyed hashes), so the file holds no secret in clear.
 */
export async function writeSavedFactsFile(path: string, facts: SavedFacts): Promise<void> {
  const kept = protectFactsSecrets(facts, await processRunKey());
  await writeFileAtomic(path, `${JSON.stringify(kept, null, 2)}\n`);
}
