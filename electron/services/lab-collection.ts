import type { LabEstate } from '../lab/lab-estate';
import { simulateCollection } from '../lab/simulate-collection';
import type { CheckTarget, FactsAssembler } from './check-run-service';
import { functionCollectionSource, type CollectionSource } from './collection-source';

/** A lab's collection: simulated lines through the real reader, assembler and rules. */
export function openLabCollection(
  lab: LabEstate,
  now: () => Date,
): { source: CollectionSource; close(): Promise<void> } {
  return {
    source: functionCollectionSource((request) => simulateCollection(lab, request, now())),
    close: () => Promise.resolve(),
  };
}

/** Marks what an assembler builds from lab lines as simulated, so every screen and report says so. */
export function simulatedAssembler(assemble: FactsAssembler): FactsAssembler {
  return (input) => ({ ...assemble(input), simulated: true });
}

/** The servers, sync servers and account a lab describes. */
export function labTarget(lab: LabEstate): CheckTarget {
  return {
    exchangeServers: lab.exchangeServers.map((server) => server.fqdn),
    syncServers: lab.syncServers.map((server) => server.fqdn),
    serviceAccount: lab.serviceAccount,
  };
}
