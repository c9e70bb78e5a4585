import {
  InteractionRequiredAuthError,
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type INetworkModule,
} from '@azure/msal-node';
import { defaultGraphClientId, graphSignInScopes } from '../../shared/tenant/graph-scopes';
import { ClientId, TenantName, type SignInState } from '../../shared/tenant/sign-in';
import type { SealedTokenCache } from './sealed-token-cache';

export const defaultAuthorityHost = 'https://login.microsoftonline.com';

export interface GraphSignInOptions {
  tenant: string;
  /** Default: the Microsoft Graph Command Line Tools public client. */
  clientId?: string;
  /** Opens the authorize URL in the system browser: shell.openExternal in the app, a child process in the CLI. */
  openBrowser: (url: string) => Promise<void>;
  /** The sealed cache file; none keeps tokens in memory only. */
  cache?: SealedTokenCache | null;
  /** The explicit fallback (many tenants block it by Conditional Access): shows the device code message. */
  deviceCode?: ((message: string) => void) | null;
  /** Tests: a stand-in authority with its metadata, so MSAL makes no discovery call. */
  authorityHost?: string;
  authorityMetadata?: string;
  cloudDiscoveryMetadata?: string;
  networkClient?: INetworkModule;
}

export interface GraphSession {
  /** A valid access token for Graph: from the cache, refreshed silently, or after an interactive sign-in. */
  accessToken(): Promise<string>;
  signIn(): Promise<SignInState>;
  signOut(): Promise<void>;
  state(): Promise<SignInState>;
}

const successTemplate =
  '<!doctype html><title>ExReady</title><p>ExReady is signed in to Microsoft 365. You can close this tab.</p>';
const errorTemplate =
  '<!doctype html><title>ExReady</title><p>ExReady could not sign in. Return to ExReady to see why.</p>';

function stateOf(account: AccountInfo | null, scopes: readonly string[]): SignInState {
  if (account === null) return { signedIn: false };
  return { signedIn: true, username: account.username, tenantId: account.tenantId, scopes: [...scopes] };
}

/** Delegated, read-only sign-in to Graph: authorization code with PKCE on MSAL's loopback redirect (http://localhost). */
export function createGraphSession(options: GraphSignInOptions): GraphSession {
  const tenant = TenantName.parse(options.tenant);
  const clientId = ClientId.parse(options.clientId ?? defaultGraphClientId);
  const host = (options.authorityHost ?? defaultAuthorityHost).replace(/\/+$/, '');
  const config: Configuration = {
    auth: {
      clientId,
      authority: `${host}/${tenant}`,
      ...(options.authorityMetadata === undefined ? {} : { authorityMetadata: options.authorityMetadata }),
      ...(options.cloudDiscoveryMetadata === undefined
        ? {}
        : { cloudDiscoveryMetadata: options.cloudDiscoveryMetadata, knownAuthorities: [new URL(host).host] }),
    },
    ...(options.cache == null ? {} : { cache: { cachePlugin: options.cache } }),
    system: {
      // MSAL logs nothing here: its messages may carry account names and tokens' metadata.
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
      ...(options.networkClient === undefined ? {} : { networkClient: options.networkClient }),
    },
  };
  const app = new PublicClientApplication(config);
  const scopes = [...graphSignInScopes];
  let granted: readonly string[] = [];
  let pending: Promise<AuthenticationResult> | null = null;

  const remember = (result: AuthenticationResult) => {
    // Token responses name scopes fully qualified or bare; the state lists them bare.
    granted = result.scopes.map((scope) => scope.replace(/^https:\/\/graph\.microsoft\.com\//i, ''));
    return result;
  };

  const account = async (): Promise<AccountInfo | null> => {
    const accounts = await app.getTokenCache().getAllAccounts();
    return accounts.find((candidate) => candidate.tenantId !== '') ?? accounts[0] ?? null;
  };

  const interactive = (): Promise<AuthenticationResult> =>
    (pending ??= (async () => {
      try {
        if (options.deviceCode != null) {
          const show = options.deviceCode;
          const result = await app.acquireTokenByDeviceCode({
            scopes,
            deviceCodeCallback: (response) => show(response.message),
          });
          if (result === null) throw new Error('the device code sign-in ended without a token');
          return remember(result);
        }
        return remember(
          await app.acquireTokenInteractive({
            scopes,
            openBrowser: options.openBrowser,
            successTemplate,
            errorTemplate,
          }),
        );
      } finally {
        pending = null;
      }
    })());

  const silent = async (): Promise<AuthenticationResult | null> => {
    const signedIn = await account();
    if (signedIn === null) return null;
    try {
      return remember(await app.acquireTokenSilent({ account: signedIn, scopes }));
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) return null;
      throw error;
    }
  };

  return {
    async accessToken() {
      const result = (await silent()) ?? (await interactive());
      return result.accessToken;
    },
    async signIn() {
      const result = await interactive();
      return stateOf(result.account, granted);
    },
    async signOut() {
      const cache = app.getTokenCache();
      for (const signedIn of await cache.getAllAccounts()) await cache.removeAccount(signedIn);
      granted = [];
      await options.cache?.remove();
    },
    async state() {
      const signedIn = await account();
      if (signedIn !== null && granted.length === 0) {
        // Reopened from the sealed cache: the scopes come with a silent token.
        await silent().catch(() => null);
      }
      return stateOf(signedIn, granted);
    },
  };
}
