import type { SavedFacts } from '../../shared/facts/saved-facts';
import { writeFileAtomic } from './atomic-file';

/** Saves a run's facts for `exready evaluate --facts` and reports: whole or not at all. */
export function writeSavedFactsFile(path: string, facts: SavedFacts): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(facts, null, 2)}\n`);
}
