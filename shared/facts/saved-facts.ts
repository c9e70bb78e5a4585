import { z } from 'zod';
import { Fqdn } from '../domain/hostname';
import { collected } from './collected';
import { factsSchemaVersion, ServerFacts, SyncServerFacts } from './server-facts';

/** The estate the facts were collected for: who connects, with which account, to which servers. */
export const FactsContext = z.object({
  serviceAccount: z.string().min(1).nullable(),
  /** The account's SID as the jump host translated it; absent in older facts and when no account is set. */
  serviceAccountSid: collected(z.string().min(1)).optional(),
  exchangeServers: z.array(Fqdn),
  syncServers: z.array(SyncServerFacts),
});
export type FactsContext = z.infer<typeof FactsContext>;

/** A saved collection run: what `exready evaluate --facts` reads, and what a report is rebuilt from. */
export const SavedFacts = z.object({
  schemaVersion: z.literal(factsSchemaVersion),
  collectedAt: z.iso.datetime({ offset: true }),
  /** Present when the facts come from the lab (demo estate, tests): every screen and report says so. */
  simulated: z.literal(true).optional(),
  context: FactsContext,
  servers: z.array(ServerFacts),
});
export type SavedFacts = z.infer<typeof SavedFacts>;
