import type { InvokeResponse } from '../../../shared/ipc/contract';
import type { SavedRun } from '../../../shared/runs/run-records';
import { checkColumn } from './check-columns';
import { defaultFixParameters, needsCertificate, type FixParameters } from './fix-parameters';

export type FixCatalogueEntry = InvokeResponse<'fixes:catalogue'>[number];

/** One fix the run offers for a failing or warning check on one server. */
export interface SafeFixCandidate {
  key: string;
  fixId: string;
  fixTitle: string;
  server: string;
  checkId: string;
  checkTitle: string;
  status: 'fail' | 'warn';
  parameters: FixParameters;
}

/**
 * The fixes "Fix all safe" offers: risk none in the catalogue, no choice for the admin to make (a certificate),
 * on a check that fails or warns. Main's preview still decides the real risk of each before anything runs.
 */
export function safeFixCandidates(
  run: SavedRun,
  catalogue: readonly FixCatalogueEntry[],
): SafeFixCandidate[] {
  const fixes = new Map(catalogue.map((fix) => [fix.id, fix]));
  const candidates: SafeFixCandidate[] = [];
  for (const server of run.results) {
    for (const result of server.results) {
      const fix = result.fixId === undefined ? undefined : fixes.get(result.fixId);
      if (fix === undefined || fix.risk !== 'none' || needsCertificate(fix.id) !== null) continue;
      if (result.status !== 'fail' && result.status !== 'warn') continue;
      candidates.push({
        key: `${server.fqdn}|${fix.id}`,
        fixId: fix.id,
        fixTitle: fix.title,
        server: server.fqdn,
        checkId: result.checkId,
        checkTitle: checkColumn(result.checkId).title,
        status: result.status,
        parameters: defaultFixParameters(fix.id, run),
      });
    }
  }
  return candidates.sort(
    (a, b) => a.server.localeCompare(b.server) || a.checkTitle.localeCompare(b.checkTitle),
  );
}
