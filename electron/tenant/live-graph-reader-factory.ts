import type { GraphReader } from './graph-reader';

/** What `exready tenant check --tenant T` asks the live side for (issue #14, deliverables 2-4). */
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
  close(): Promise<void>;
}

export type LiveGraphReaderFactory = (options: LiveSignInOptions) => Promise<LiveGraphSession>;

export class LiveSignInNotBuiltError extends Error {
  constructor() {
    super('live sign-in is not built yet: use --recorded FILE or --lab demo');
    this.name = 'LiveSignInNotBuiltError';
  }
}

// The seam the MSAL sign-in and the fetch Graph client plug into; until then a live run says so and stops.
export const openLiveGraphReader: LiveGraphReaderFactory = () =>
  Promise.reject(new LiveSignInNotBuiltError());
