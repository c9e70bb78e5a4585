import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ClientId, TenantName, type SignInState } from '../../shared/tenant/sign-in';
import { defaultGraphClientId } from '../../shared/tenant/graph-scopes';
import type { InvokeHandlers } from '../ipc/router';
import type { StringEncryptor } from '../secrets/secret-store';
import { writeFileAtomic } from '../storage/atomic-file';
import { createGraphSession, type GraphSession, type GraphSignInOptions } from '../tenant/graph-sign-in';
import { sealedTokenCache } from '../tenant/sealed-token-cache';

export interface TenantSignInConfig {
  userDataDir: string;
  /** safeStorage in the app; null keeps the token cache in memory (nothing at rest). */
  encryptor: StringEncryptor | null;
  /** shell.openExternal in the app. */
  openBrowser: (url: string) => Promise<void>;
  /** Tests: the stand-in authority and network client. */
  authority?: Pick<
    GraphSignInOptions,
    'authorityHost' | 'authorityMetadata' | 'cloudDiscoveryMetadata' | 'networkClient'
  >;
}

/** The sealed MSAL cache, and which tenant and client it is for (not secret), in the user-data folder. */
export const tokenCacheFileName = 'graph-token-cache.bin';
const signInFileName = 'graph-sign-in.json';
const SignInFile = z.object({ tenant: TenantName, clientId: ClientId });

type TenantHandlers = Pick<InvokeHandlers, 'tenant:sign-in' | 'tenant:sign-out' | 'tenant:sign-in-state'>;

/** The window's sign-in to Microsoft 365: one session at a time, reopened from the sealed cache after a restart. */
export function createTenantSignInHandlers(config: TenantSignInConfig): TenantHandlers & {
  /** The signed-in session, for the tenant checks the window runs. */
  session(): Promise<GraphSession | null>;
} {
  const cachePath = join(config.userDataDir, tokenCacheFileName);
  const signInPath = join(config.userDataDir, signInFileName);
  let current: { tenant: string; clientId: string; session: GraphSession } | null = null;

  const open = (tenant: string, clientId: string): GraphSession =>
    createGraphSession({
      tenant,
      clientId,
      openBrowser: config.openBrowser,
      cache: config.encryptor === null ? null : sealedTokenCache(cachePath, config.encryptor),
      ...config.authority,
    });

  const reopen = async (): Promise<GraphSession | null> => {
    if (current !== null) return current.session;
    let text: string;
    try {
      text = await readFile(signInPath, 'utf8');
    } catch {
      return null;
    }
    const parsed = SignInFile.safeParse(JSON.parse(text) as unknown);
    if (!parsed.success) return null;
    current = { ...parsed.data, session: open(parsed.data.tenant, parsed.data.clientId) };
    return current.session;
  };

  return {
    'tenant:sign-in': async (request) => {
      const clientId = request.clientId ?? defaultGraphClientId;
      if (current !== null && (current.tenant !== request.tenant || current.clientId !== clientId)) {
        // Another tenant or app: the old account's tokens go first.
        await current.session.signOut();
        current = null;
      }
      current ??= { tenant: request.tenant, clientId, session: open(request.tenant, clientId) };
      const state = await current.session.signIn();
      await writeFileAtomic(signInPath, `${JSON.stringify({ tenant: request.tenant, clientId }, null, 2)}\n`);
      return state;
    },
    'tenant:sign-out': async () => {
      const session = await reopen();
      await session?.signOut();
      current = null;
      await rm(cachePath, { force: true });
      await rm(signInPath, { force: true });
      return { signedOut: true as const };
    },
    'tenant:sign-in-state': async (): Promise<SignInState> => {
      const session = await reopen();
      return session === null ? { signedIn: false } : session.state();
    },
    session: reopen,
  };
}
