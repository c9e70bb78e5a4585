import type { StateCreator } from 'zustand';
import type { CheckStatus } from '../../../shared/checks/check-result';
import { describeFix } from '../../../shared/fixes/fix-description';
import type { InvokeResponse } from '../../../shared/ipc/contract';
import { exreadyApi } from '../bridge/exready-api';
import { checkEvidence } from '../checks/fix-evidence';
import type { FixParameters } from '../checks/fix-parameters';
import type { RunSlice } from './run-slice';

export type FixPreview = InvokeResponse<'fixes:preview'>;
export type FixOutcome = InvokeResponse<'fixes:apply'>;
export type CertificateCandidate = InvokeResponse<'fixes:certificate-candidates'>[number];

/** One fix being previewed and applied, from the parameters to the re-checked status. */
export interface FixFlow {
  fixId: string;
  server: string;
  checkId: string;
  phase: 'parameters' | 'previewing' | 'preview' | 'applying' | 'done';
  candidates: CertificateCandidate[] | null;
  preview: FixPreview | null;
  /** The planned change in one sentence, read from the run as it was when previewed (the re-check changes it). */
  description: string | null;
  error: string | null;
  outcome: FixOutcome | null;
  /** The check's status in the newest run after the fix, null until re-read. */
  recheckedStatus: CheckStatus | null;
}

export interface FixSlice {
  fix: FixFlow | null;
  startFix: (request: { fixId: string; server: string; checkId: string; needsChoice: boolean }) => void;
  loadCertificateCandidates: (runId: string) => Promise<void>;
  previewFix: (parameters: FixParameters, lab: 'demo' | null) => Promise<void>;
  applyFix: (riskAccepted: boolean) => Promise<void>;
  /** Previews the undo of the change this flow just applied (main rebuilds it from the audit entry). */
  previewUndo: (lab: 'demo' | null) => Promise<void>;
  closeFix: () => void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createFixSlice: StateCreator<FixSlice & RunSlice, [], [], FixSlice> = (set, get) => {
  const update = (patch: Partial<FixFlow>) => {
    const fix = get().fix;
    if (fix !== null) set({ fix: { ...fix, ...patch } });
  };
  const describe = (preview: FixPreview) =>
    describeFix({
      fixId: preview.fixId,
      server: preview.server,
      parameters: preview.parameters,
      current: checkEvidence(get().run, preview.server, preview.checkId),
    });
  return {
    fix: null,
    startFix({ fixId, server, checkId, needsChoice }) {
      set({
        fix: {
          fixId,
          server,
          checkId,
          phase: needsChoice ? 'parameters' : 'previewing',
          candidates: null,
          preview: null,
          description: null,
          error: null,
          outcome: null,
          recheckedStatus: null,
        },
      });
    },
    async loadCertificateCandidates(runId) {
      const fix = get().fix;
      if (fix === null) return;
      try {
        update({
          candidates: await exreadyApi().listCertificateCandidates({ runId, server: fix.server }),
        });
      } catch (error) {
        update({ candidates: [], error: message(error) });
      }
    },
    async previewFix(parameters, lab) {
      const fix = get().fix;
      if (fix === null) return;
      update({ phase: 'previewing', error: null });
      try {
        const preview = await exreadyApi().previewFix({
          fixId: fix.fixId,
          server: fix.server,
          parameters,
          lab,
        });
        update({ phase: 'preview', preview, description: describe(preview) });
      } catch (error) {
        update({ phase: 'parameters', error: message(error) });
      }
    },
    async applyFix(riskAccepted) {
      const fix = get().fix;
      if (fix?.preview == null) return;
      update({ phase: 'applying', error: null });
      try {
        const outcome = await exreadyApi().applyFix({
          previewId: fix.preview.previewId,
          confirmed: true,
          riskAccepted,
        });
        const run = await get().reloadNewestRun();
        const status =
          run?.results
            .find((entry) => entry.fqdn === fix.server)
            ?.results.find((result) => result.checkId === fix.checkId)?.status ?? null;
        update({ phase: 'done', outcome, recheckedStatus: status });
      } catch (error) {
        update({ phase: 'preview', error: message(error) });
      }
    },
    async previewUndo(lab) {
      const auditId = get().fix?.outcome?.auditId;
      if (auditId === undefined) return;
      update({ phase: 'previewing', error: null });
      try {
        const preview = await exreadyApi().previewUndo({ auditId, lab });
        update({
          phase: 'preview',
          preview,
          description: describe(preview),
          outcome: null,
          recheckedStatus: null,
        });
      } catch (error) {
        update({ phase: 'done', error: message(error) });
      }
    },
    closeFix() {
      set({ fix: null });
    },
  };
};
