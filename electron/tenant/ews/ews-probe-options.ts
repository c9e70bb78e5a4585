import { z } from 'zod';
import type { EwsFlow } from '../../../shared/tenant/ews/ews-check-ids';
import { ProbeSecret } from './probe-secret';

/** Time as the probe sees it: injected so the propagation wait is tested without waiting. */
export interface ProbeClock {
  now(): number;
  /** Resolves after ms, or as soon as the signal aborts (the probe then stops waiting). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: ProbeClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted === true) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** How long a 401/403 right after consent is retried: doubling delays, bounded in total. */
export interface PropagationPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  budgetMs: number;
}

export const defaultPropagation: PropagationPolicy = {
  firstDelayMs: 10_000,
  maxDelayMs: 60_000,
  budgetMs: 15 * 60_000,
};

/** A log line of the probe; the fields never carry the secret, the token or a request body. */
export type ProbeLog = (event: string, fields: Readonly<Record<string, string | number | boolean>>) => void;

export interface EwsProbeOptions {
  /** Tenant id (GUID) or a verified domain, e.g. contoso.onmicrosoft.com. */
  tenant: string;
  /** The ERP app's Application (client) ID. */
  clientId: string;
  flow: EwsFlow;
  /** The test mailbox the ERP reads (primary SMTP address). */
  mailbox: string;
  /** Delegated only: the ERP's account (user principal name) whose password is typed. */
  account?: string;
  /** Delegated: the account's password; app-only: the client secret's value. */
  secret: ProbeSecret;
  /** The caller or the admin says the app, its permissions or its consent changed within the last hour. */
  changedWithinLastHour?: boolean;
  /** When the app or its consent last changed (e.g. from Graph); within the hour before the probe counts as changed. */
  appChangedAt?: Date;
  /** Default https://login.microsoftonline.com (a stand-in in tests). */
  loginBaseUrl?: string;
  /** Default https://outlook.office365.com/EWS/Exchange.asmx. */
  ewsUrl?: string;
  fetch?: typeof fetch;
  clock?: ProbeClock;
  propagation?: Partial<PropagationPolicy>;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  log?: ProbeLog;
  /** Cancels the probe: the request in flight and the propagation wait; the outcome is then unknown. */
  signal?: AbortSignal;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const domain = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const httpsUrl = z.url({ protocol: /^https$/ });

const OptionsSchema = z
  .object({
    tenant: z
      .string()
      .refine((value) => guid.test(value) || domain.test(value), 'a tenant id (GUID) or a domain name'),
    clientId: z.string().regex(guid, 'the application (client) id, a GUID'),
    flow: z.enum(['delegated', 'app-only']),
    mailbox: z.email('the mailbox\u2019s SMTP address'),
    account: z.email('the account\u2019s user principal name').optional(),
    secret: z.instanceof(ProbeSecret, {
      message: 'a ProbeSecret (typed for the probe, never a plain string)',
    }),
    changedWithinLastHour: z.boolean().optional(),
    appChangedAt: z.date().optional(),
    loginBaseUrl: httpsUrl.optional(),
    ewsUrl: httpsUrl.optional(),
    timeoutMs: z.number().int().positive().optional(),
  })
  .refine((options) => options.flow !== 'delegated' || options.account !== undefined, {
    path: ['account'],
    message: 'the delegated flow signs in as an account: give its user principal name',
  });

const hourMs = 3_600_000;

/** Whether a 401/403 may still be the change replicating: the caller said so, or the change is under an hour old. */
export function changedRecently(options: EwsProbeOptions, now: number): boolean {
  if (options.changedWithinLastHour === true) return true;
  const changed = options.appChangedAt?.getTime();
  return changed !== undefined && now - changed >= 0 && now - changed < hourMs;
}

/** Refuses bad options with the field named; the secret's value never appears in the message. */
export function validateProbeOptions(options: EwsProbeOptions): void {
  const parsed = OptionsSchema.safeParse(options);
  if (parsed.success) return;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
  throw new Error(`Invalid EWS probe options: ${lines.join('; ')}`);
}
