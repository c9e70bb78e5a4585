import type { INetworkModule } from '@azure/msal-node';
import { createGraphClient, type FetchLike } from './graph-client';
import type { RecordedResponse } from '../../shared/tenant/recorded-responses';
import { recordingGraphReader } from './graph-recorder';
import type { GraphReader } from './graph-reader';
import { createGraphSession, type GraphSession } from './graph-sign-in';
import type { SealedTokenCache } from './sealed-token-cache';
import { openInSystemBrowser } from './system-browser';

export interface LiveGraphReaderOptions {
  /** The tenant id or a domain of it (validated: it becomes the authority URL). */
  tenant: string;
  /** Default: the Microsoft Graph Command Line Tools public client. */
  clientId?: string | undefined;
  /** The explicit fallback: device code instead of the browser. */
  deviceCode?: boolean | undefined;
  /** `--record FILE`: every answer, masked, written there atomically by finish(). */
  record?: string | null | undefined;
  /** Where the CLI tells the admin what happens (the device code message, the browser opening); stderr. */
  notify?: (text: string) => void;
  now?: () => Date;
  /** Default: the system browser through a child process (no shell). */
  openBrowser?: (url: string) => Promise<void>;
  /** The sealed token cache; the CLI has no OS key store without Electron, so by default tokens stay in memory. */
  cache?: SealedTokenCache | null;
  /** Tests: stand-ins for Entra and Graph. */
  stand?: {
    authorityHost: string;
    authorityMetadata: string;
    cloudDiscoveryMetadata: string;
    networkClient: INetworkModule;
    fetch: FetchLike;
    graphBaseUrl: string;
  };
}

/** A live GraphReader for one run; finish() writes the recording when one was asked for. */
export interface LiveGraphReader extends GraphReader {
  readonly session: GraphSession;
  /** `--record`: adds the probe's exchanges to the recording; a no-op without one. */
  append(responses: readonly RecordedResponse[]): void;
  finish(): Promise<void>;
}

/** What `exready tenant check --tenant T` reads Graph through: MSAL sign-in, the fetch client, the recorder. */
export function createLiveGraphReader(options: LiveGraphReaderOptions): Promise<LiveGraphReader> {
  const notify = options.notify ?? (() => undefined);
  const openBrowser =
    options.openBrowser ??
    ((url: string) => {
      notify('Opening the browser to sign in to Microsoft 365 (delegated, read-only)…\n');
      return openInSystemBrowser(url);
    });
  const session = createGraphSession({
    tenant: options.tenant,
    ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    openBrowser,
    cache: options.cache ?? null,
    deviceCode: options.deviceCode === true ? (message) => notify(`${message}\n`) : null,
    ...(options.stand === undefined
      ? {}
      : {
          authorityHost: options.stand.authorityHost,
          authorityMetadata: options.stand.authorityMetadata,
          cloudDiscoveryMetadata: options.stand.cloudDiscoveryMetadata,
          networkClient: options.stand.networkClient,
        }),
  });
  const tokens: string[] = [];
  const client = createGraphClient({
    accessToken: async () => {
      const token = await session.accessToken();
      if (!tokens.includes(token)) tokens.push(token);
      return token;
    },
    ...(options.stand === undefined
      ? {}
      : { fetch: options.stand.fetch, baseUrl: options.stand.graphBaseUrl }),
  });
  if (options.record == null)
    return Promise.resolve({ ...client, session, append: () => undefined, finish: () => Promise.resolve() });
  const recorder = recordingGraphReader(client, {
    path: options.record,
    tenant: options.tenant,
    ...(options.now === undefined ? {} : { now: options.now }),
    // A token echoed in an answer is masked as well as any JWT-shaped string.
    knownSecrets: () => tokens,
  });
  return Promise.resolve({
    get: (url) => recorder.get(url),
    getAll: (url) => recorder.getAll(url),
    batch: (urls) => recorder.batch(urls),
    append: (responses) => recorder.append(responses),
    session,
    finish: () => recorder.save(),
  });
}

/** What `exready tenant check --tenant T` asks the live side for. */
export interface LiveSignInOptions {
  tenant: string;
  /** The public client to sign in with; null: Microsoft Graph Command Line Tools (14d82eec-...). */
  clientId: string | null;
  deviceCode: boolean;
  /** Write every exchange, masked, to this recorded-responses file. */
  recordTo: string | null;
}

export interface LiveGraphSession {
  reader: GraphReader;
  /** With recordTo: adds the EWS probe's exchanges (token, SOAP) to the recording written on close. */
  record?(responses: readonly RecordedResponse[]): void;
  close(): Promise<void>;
}

export type LiveGraphReaderFactory = (options: LiveSignInOptions) => Promise<LiveGraphSession>;

/** The CLI's live session: signs in (browser, or device code when asked), and writes the recording on close. */
export const openLiveGraphReader: LiveGraphReaderFactory = async (options) => {
  const reader = await createLiveGraphReader({
    tenant: options.tenant,
    ...(options.clientId === null ? {} : { clientId: options.clientId }),
    deviceCode: options.deviceCode,
    record: options.recordTo,
    notify: (text) => process.stderr.write(text),
  });
  return { reader, record: (responses) => reader.append(responses), close: () => reader.finish() };
};
