import type { IntegrationProfile } from './integration-profile';
import { monosignProfile } from './monosign-profile';

/** Profiles shipped with ExReady; another vendor is another entry here, or a JSON file of the same shape. */
export const builtInProfiles: readonly IntegrationProfile[] = [monosignProfile];

export function findBuiltInProfile(id: string): IntegrationProfile | undefined {
  return builtInProfiles.find((profile) => profile.id === id);
}
