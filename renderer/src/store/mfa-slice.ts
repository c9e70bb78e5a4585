import type { StateCreator } from 'zustand';
import type { InvokeResponse } from '../../../shared/ipc/contract';
import { exreadyApi } from '../bridge/exready-api';
import type { RunSlice } from './run-slice';

export type MfaApp = 'owa' | 'ecp';
export type MfaPlan = InvokeResponse<'mfa:plan'>;
export type MfaApplyOutcome = InvokeResponse<'mfa:apply'>;
export type MfaRollbackOutcome = InvokeResponse<'mfa:rollback'>;
export type MfaRecycleOutcome = InvokeResponse<'mfa:recycle'>;

/** The MFA module's web.config change for one app of one server: settings, plan, diff, apply, backups. */
export interface MfaFlow {
  server: string;
  app: MfaApp;
  phase: 'settings' | 'planning' | 'diff' | 'applying' | 'done';
  preview: MfaPlan | null;
  outcome: MfaApplyOutcome | null;
  error: string | null;
  /** The app's ExReady backups in the newest run, newest first; null until listed. */
  backups: string[] | null;
  rollingBack: string | null;
  rollback: MfaRollbackOutcome | null;
  /** What the admin typed, kept when going back from the diff to the form. */
  draft: Record<string, string> | null;
  /** The app pool recycle after a change: IIS loads web.config changes once the pool restarts. */
  recycling: boolean;
  recycle: MfaRecycleOutcome | null;
}

export interface MfaSlice {
  mfa: MfaFlow | null;
  /** Names of the secrets stored (encrypted) in main; their values never come back. */
  secretNames: string[];
  secretError: string | null;
  openMfa: (server: string) => void;
  closeMfa: () => void;
  chooseMfaApp: (app: MfaApp) => void;
  loadSecretNames: () => Promise<void>;
  storeSecret: (name: 'MONOSIGN_API_KEY' | 'MONOSIGN_API_SECRET', value: string) => Promise<boolean>;
  planMfa: (
    settings: { key: string; value: string }[],
    extra: { key: string; value: string } | null,
    draft: Record<string, string>,
  ) => Promise<void>;
  /** Back from the diff to the settings, keeping what was typed. */
  editMfaSettings: () => void;
  applyMfa: () => Promise<void>;
  loadMfaBackups: () => Promise<void>;
  rollbackMfa: (backup: string) => Promise<void>;
  recycleMfaAppPool: () => Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const fresh = (server: string, app: MfaApp): MfaFlow => ({
  server,
  app,
  phase: 'settings',
  preview: null,
  outcome: null,
  error: null,
  backups: null,
  rollingBack: null,
  rollback: null,
  draft: null,
  recycling: false,
  recycle: null,
});

export const createMfaSlice: StateCreator<MfaSlice & RunSlice, [], [], MfaSlice> = (set, get) => {
  const update = (patch: Partial<MfaFlow>) => {
    const mfa = get().mfa;
    if (mfa !== null) set({ mfa: { ...mfa, ...patch } });
  };
  const runId = () => get().run?.runId ?? null;
  return {
    mfa: null,
    secretNames: [],
    secretError: null,
    openMfa(server) {
      set({ mfa: fresh(server, 'owa') });
      void get().loadSecretNames();
      void get().loadMfaBackups();
    },
    closeMfa() {
      set({ mfa: null });
    },
    chooseMfaApp(app) {
      const mfa = get().mfa;
      if (mfa === null || mfa.app === app) return;
      set({ mfa: fresh(mfa.server, app) });
      void get().loadMfaBackups();
    },
    async loadSecretNames() {
      try {
        set({ secretNames: (await exreadyApi().listSecrets()).names, secretError: null });
      } catch (error) {
        set({ secretError: message(error) });
      }
    },
    async storeSecret(name, value) {
      try {
        set({ secretNames: (await exreadyApi().setSecret({ name, value })).names, secretError: null });
        return true;
      } catch (error) {
        set({ secretError: message(error) });
        return false;
      }
    },
    async planMfa(settings, extra, draft) {
      const mfa = get().mfa;
      const id = runId();
      if (mfa === null || id === null) return;
      update({ phase: 'planning', error: null, draft });
      try {
        const preview = await exreadyApi().planMfaChange({
          runId: id,
          server: mfa.server,
          app: mfa.app,
          settings,
          extra,
        });
        update({ phase: 'diff', preview });
      } catch (error) {
        update({ phase: 'settings', error: message(error) });
      }
    },
    editMfaSettings() {
      update({ phase: 'settings', preview: null, error: null });
    },
    async applyMfa() {
      const preview = get().mfa?.preview;
      if (preview == null) return;
      update({ phase: 'applying', error: null });
      try {
        const outcome = await exreadyApi().applyMfaChange({
          planId: preview.planId,
          confirmed: true,
          beforeSha256: preview.beforeSha256,
        });
        await get().reloadNewestRun();
        // A new change makes the last rollback's banner stale.
        update({ phase: 'done', outcome, rollback: null });
        await get().loadMfaBackups();
      } catch (error) {
        update({ phase: 'diff', error: message(error) });
      }
    },
    async loadMfaBackups() {
      const mfa = get().mfa;
      const id = runId();
      if (mfa === null || id === null) return;
      try {
        update({
          backups: await exreadyApi().listMfaBackups({ runId: id, server: mfa.server, app: mfa.app }),
        });
      } catch (error) {
        update({ backups: [], error: message(error) });
      }
    },
    async recycleMfaAppPool() {
      const mfa = get().mfa;
      if (mfa === null || mfa.recycling) return;
      const lab = get().run?.savedFacts.simulated === true ? 'demo' : null;
      update({ recycling: true, recycle: null, error: null });
      try {
        const recycle = await exreadyApi().recycleMfaAppPool({
          server: mfa.server,
          app: mfa.app,
          confirmed: true,
          lab,
        });
        update({ recycling: false, recycle });
      } catch (error) {
        update({ recycling: false, error: message(error) });
      }
    },
    async rollbackMfa(backup) {
      const mfa = get().mfa;
      const id = runId();
      if (mfa === null || id === null) return;
      update({ rollingBack: backup, rollback: null, error: null });
      try {
        const rollback = await exreadyApi().rollbackMfaChange({
          runId: id,
          server: mfa.server,
          app: mfa.app,
          backup,
          confirmed: true,
        });
        await get().reloadNewestRun();
        // After a rollback the "written" and "recycled" banners describe a file that is gone: back to the settings.
        update(
          rollback.outcome === 'succeeded'
            ? { rollingBack: null, rollback, outcome: null, recycle: null, preview: null, phase: 'settings' }
            : { rollingBack: null, rollback },
        );
        await get().loadMfaBackups();
      } catch (error) {
        update({ rollingBack: null, error: message(error) });
      }
    },
  };
};
