import type { StateCreator } from 'zustand';
import type { InvokeRequestInput } from '../../../shared/ipc/contract';
import type { SignInState } from '../../../shared/tenant/sign-in';
import type { TenantAttestation, TenantCheckOutcome } from '../../../shared/tenant/tenant-check-contract';
import { exreadyApi } from '../bridge/exready-api';

export type TenantCheckSource = InvokeRequestInput<'tenant:check'>;

/** The Microsoft 365 section: the last tenant check, the sign-in state, and whether its details are open. */
export interface TenantSlice {
  tenantCheck: TenantCheckOutcome | null;
  tenantChecking: boolean;
  tenantError: string | null;
  /** The request of the last check, so Re-check asks the same again. */
  tenantSource: TenantCheckSource | null;
  signIn: SignInState | null;
  signInBusy: boolean;
  signInError: string | null;
  tenantOpen: boolean;
  openTenant: (open: boolean) => void;
  checkTenant: (source: TenantCheckSource) => Promise<void>;
  loadSignInState: () => Promise<void>;
  signInToTenant: (tenant: string) => Promise<void>;
  signOutOfTenant: () => Promise<void>;
  /** Stores the attestation in main and checks again; answers main's refusal, or null. */
  attest: (attestation: TenantAttestation) => Promise<string | null>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createTenantSlice: StateCreator<TenantSlice, [], [], TenantSlice> = (set, get) => ({
  tenantCheck: null,
  tenantChecking: false,
  tenantError: null,
  tenantSource: null,
  signIn: null,
  signInBusy: false,
  signInError: null,
  tenantOpen: false,
  openTenant: (open) => set({ tenantOpen: open }),

  async checkTenant(source) {
    set({ tenantChecking: true, tenantError: null, tenantSource: source });
    try {
      const outcome = await exreadyApi().checkTenant(source);
      // A later request (another case, the live tenant) wins over an older answer.
      if (get().tenantSource === source) set({ tenantCheck: outcome, tenantChecking: false });
    } catch (error) {
      if (get().tenantSource === source) set({ tenantError: messageOf(error), tenantChecking: false });
    }
  },

  async loadSignInState() {
    try {
      set({ signIn: await exreadyApi().getTenantSignInState(), signInError: null });
    } catch (error) {
      set({ signInError: messageOf(error) });
    }
  },

  async signInToTenant(tenant) {
    set({ signInBusy: true, signInError: null });
    try {
      set({ signIn: await exreadyApi().signInToTenant({ tenant }), signInBusy: false });
    } catch (error) {
      set({ signInError: messageOf(error), signInBusy: false });
    }
  },

  async signOutOfTenant() {
    set({ signInBusy: true, signInError: null });
    try {
      await exreadyApi().signOutOfTenant();
      set({ signIn: { signedIn: false }, signInBusy: false });
    } catch (error) {
      set({ signInError: messageOf(error), signInBusy: false });
    }
  },

  async attest(attestation) {
    const outcome = get().tenantCheck;
    if (outcome === null) return 'no tenant check to attest';
    try {
      await exreadyApi().attestTenantCheck({ tenant: outcome.tenant, ...attestation });
    } catch (error) {
      return messageOf(error);
    }
    const source = get().tenantSource;
    if (source !== null) await get().checkTenant(source);
    return null;
  },
});
