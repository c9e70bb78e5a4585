import {
  JumpHostFactsData,
  ServerFactsData,
  SyncFactsData,
  type TcpTargetData,
} from '../../shared/facts/collection-data';
import {
  ErrorRecordData,
  type CollectionLine,
  type CollectionRequest,
} from '../../shared/facts/collection-protocol';
import type { Collected } from '../../shared/facts/collected';
import { SavedFacts } from '../../shared/facts/saved-facts';
import type { ReachabilityFacts } from '../../shared/facts/reachability-facts';
import type { AdComputerFacts } from '../../shared/facts/ad-computer-facts';
import {
  factsSchemaVersion,
  type ServerFacts,
  type SyncServerFacts,
  type UnreachableServerFacts,
} from '../../shared/facts/server-facts';
import { z } from 'zod';
import { FactsParseError, normalizePs51Json } from '../powershell/ps51-json';
import { classifyConnectionFailure } from './connection-failure-classifier';
import { domainGroupExpansions, mergeLocalGroups } from './local-group-expansion';

export interface AssembleInput {
  request: CollectionRequest;
  lines: readonly CollectionLine[];
  /** When the run finished; also the time of servers that sent no facts. */
  collectedAt: Date;
}

export interface AssembledFacts {
  facts: SavedFacts;
  /** Lines that were dropped or could not be read, in plain language (the facts stay valid without them). */
  problems: string[];
  warnings: { server: string | null; message: string }[];
}

type TcpProbes = ReachabilityFacts['probes'];

const key = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

function notCollected<T>(error: string): Collected<T> {
  return { status: 'not-collected', error };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Everything the lines of one run say, keyed by lower-case server name. */
class RunLines {
  readonly serverFacts = new Map<string, unknown>();
  readonly errors = new Map<string, ErrorRecordData[]>();
  readonly syncFacts = new Map<string, unknown>();
  jumpHost: unknown = undefined;
  readonly problems: string[] = [];
  readonly warnings: { server: string | null; message: string }[] = [];

  constructor(request: CollectionRequest, lines: readonly CollectionLine[]) {
    for (const line of lines) {
      if (line.runId !== request.runId) {
        this.problems.push(`a ${line.kind} line of another run (${line.runId}) was ignored`);
        continue;
      }
      this.add(line);
    }
  }

  private add(line: CollectionLine): void {
    const server = line.server === null ? null : key(line.server);
    if (line.kind === 'warning') {
      this.warnings.push({
        server: line.server,
        message: typeof line.data === 'string' ? line.data : JSON.stringify(line.data),
      });
    } else if (line.kind === 'jumphost-facts') {
      this.jumpHost = line.data;
    } else if (line.kind === 'done') {
      return;
    } else if (server === null) {
      this.problems.push(`a ${line.kind} line named no server and was ignored`);
    } else if (line.kind === 'server-facts') {
      this.serverFacts.set(server, line.data);
    } else if (line.kind === 'sync-facts') {
      this.syncFacts.set(server, line.data);
    } else {
      const parsed = ErrorRecordData.safeParse(line.data);
      const error = parsed.success
        ? parsed.data
        : {
            message: JSON.stringify(line.data),
            fullyQualifiedErrorId: null,
            category: null,
            errorCode: null,
            exceptionType: null,
          };
      this.errors.set(server, [...(this.errors.get(server) ?? []), error]);
    }
  }
}

function normalizeOrNull<S extends z.ZodType>(
  raw: unknown,
  schema: S,
  origin: string,
  problems: string[],
): z.output<S> | null {
  try {
    return normalizePs51Json(raw, schema, { origin });
  } catch (error) {
    problems.push(error instanceof FactsParseError ? error.message : `${origin}: ${describeError(error)}`);
    return null;
  }
}

// A part is a `collected(...)` union: one that cannot be read becomes not-collected, never the whole server.
function isCollectedPart(schema: z.ZodType): boolean {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  return (
    inner instanceof z.ZodDiscriminatedUnion &&
    (inner.def as { discriminator: string }).discriminator === 'status'
  );
}

function unreadablePart(error: unknown, part: string): Collected<never> {
  const why = error instanceof FactsParseError ? error.issues.map((issue) => issue.message).join('; ') : '';
  return notCollected(`ExReady could not read the ${part} this server sent${why === '' ? '' : `: ${why}`}`);
}

/** A server's facts read part by part: an unreadable part costs its own checks; null when the line itself is unusable. */
function normalizeServerParts(raw: unknown, fqdn: string, problems: string[]): ServerFactsData | null {
  const whole = normalizeOrNull(raw, ServerFactsData, fqdn, []);
  if (whole !== null) return whole;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return normalizeOrNull(raw, ServerFactsData, fqdn, problems);
  }
  const record = raw as Record<string, unknown>;
  const readPart = (value: unknown, schema: z.ZodType, path: string): unknown => {
    try {
      return normalizePs51Json(value, schema, { origin: `${fqdn} ${path}` });
    } catch (error) {
      if (schema instanceof z.ZodObject && value !== null && typeof value === 'object') {
        const fields = value as Record<string, unknown>;
        return Object.fromEntries(
          Object.entries<z.ZodType>(schema.shape).map(([name, field]) => [
            name,
            readPart(fields[name], field, `${path}.${name}`),
          ]),
        );
      }
      problems.push(
        error instanceof FactsParseError ? error.message : `${fqdn} ${path}: ${describeError(error)}`,
      );
      return isCollectedPart(schema) ? unreadablePart(error, path) : undefined;
    }
  };
  const parts = Object.fromEntries(
    Object.entries<z.ZodType>(ServerFactsData.shape).map(([name, schema]) => [
      name,
      readPart(record[name], schema, name),
    ]),
  );
  const parsed = ServerFactsData.safeParse(parts);
  return parsed.success ? parsed.data : null;
}

function probesFor(targets: readonly TcpTargetData[], server: string, from: string): TcpProbes {
  const found = targets.find((target) => key(target.target) === key(server));
  return found?.probes ?? notCollected(`${from} reported no TCP test to ${server}`);
}

interface ClientSide {
  from: string;
  origin: ReachabilityFacts['origin'];
  /** null when that machine sent no usable facts; then `why` says why. */
  targets: readonly TcpTargetData[] | null;
  why: string;
}

function reachabilityOf(server: string, clients: readonly ClientSide[]): ReachabilityFacts[] {
  return clients.map((client) => ({
    from: client.from,
    origin: client.origin,
    probes:
      client.targets === null ? notCollected(client.why) : probesFor(client.targets, server, client.from),
  }));
}

/** The service account's SID as the jump host translated it; absent when the request named no account. */
function serviceAccountSidOf(
  request: CollectionRequest,
  jumpHost: JumpHostFactsData | null,
): Collected<string> | undefined {
  if (request.serviceAccount === null) return undefined;
  if (jumpHost === null) return notCollected('the jump host sent no facts');
  return (
    jumpHost.serviceAccountSid ??
    notCollected(`the jump host did not translate ${request.serviceAccount} to a SID`)
  );
}

function errorText(errors: readonly ErrorRecordData[] | undefined): string | null {
  return errors === undefined || errors.length === 0
    ? null
    : errors.map((error) => error.message).join(' / ');
}

/** Builds the saved facts of one run: every requested Exchange server is either collected or unreachable with a cause. */
export function assembleSavedFacts(input: AssembleInput): AssembledFacts {
  const { request, collectedAt } = input;
  const run = new RunLines(request, input.lines);
  const problems = run.problems;
  const runTime = collectedAt.toISOString();

  const jumpHost =
    run.jumpHost === undefined
      ? null
      : normalizeOrNull(run.jumpHost, JumpHostFactsData, 'jump host', problems);
  const syncServers: SyncServerFacts[] = [];
  const clients: ClientSide[] = [];
  for (const sync of request.syncServers) {
    const raw = run.syncFacts.get(key(sync));
    const data = raw === undefined ? null : normalizeOrNull(raw, SyncFactsData, sync, problems);
    const why =
      errorText(run.errors.get(key(sync))) ??
      (raw === undefined ? `${sync} sent no facts` : `the facts ${sync} sent could not be read`);
    syncServers.push({ fqdn: sync, trustedHosts: data === null ? notCollected(why) : data.trustedHosts });
    clients.push({ from: sync, origin: 'sync-server', targets: data?.reachability ?? null, why });
  }
  clients.push({
    from: jumpHost?.host ?? 'jump host',
    origin: 'jump-host',
    targets: jumpHost?.reachability ?? null,
    why: 'the jump host sent no facts',
  });

  const expansions = domainGroupExpansions(
    jumpHost?.domainGroups,
    jumpHost === null
      ? 'the jump host sent no facts, so no domain group was read from Active Directory'
      : 'the jump host did not expand domain groups (a collector without group expansion)',
  );
  const servers = request.exchangeServers.map((fqdn): ServerFacts => {
    const unreachable = (facts: UnreachableServerFacts) => facts;
    const raw = run.serverFacts.get(key(fqdn));
    const errors = run.errors.get(key(fqdn));
    if (raw === undefined) {
      const first = errors?.[0];
      const failure =
        first === undefined
          ? {
              cause: 'unknown' as const,
              message: `ExReady received nothing from ${fqdn}: the collection ended before this server answered (stopped, or the run was cut off).`,
              remedy:
                'Collect again; if it happens again, run Test-WSMan -UseSSL against the server from the jump host.',
            }
          : classifyConnectionFailure(first);
      return unreachable({
        schemaVersion: factsSchemaVersion,
        fqdn,
        collectedAt: runTime,
        status: 'unreachable',
        failure,
      });
    }
    const data = normalizeServerParts(raw, fqdn, problems);
    if (data === null) {
      return unreachable({
        schemaVersion: factsSchemaVersion,
        fqdn,
        collectedAt: runTime,
        status: 'unreachable',
        failure: {
          cause: 'unknown',
          message: `The facts ${fqdn} sent do not match the facts schema (see the collection problems).`,
          remedy:
            'Check that the server runs the collector of this ExReady version; report the collection log if it does.',
        },
      });
    }
    const ad = jumpHost?.adComputers.find((entry) => key(entry.server) === key(fqdn));
    const adComputer: Collected<AdComputerFacts> =
      ad?.adComputer ??
      notCollected(
        jumpHost === null
          ? 'the jump host sent no AD facts'
          : `the jump host reported no AD computer for ${fqdn}`,
      );
    return {
      schemaVersion: factsSchemaVersion,
      fqdn,
      status: 'collected',
      ...data,
      localGroups: mergeLocalGroups(data.localGroups, expansions),
      adComputer,
      reachability: reachabilityOf(fqdn, clients),
    };
  });

  const facts = SavedFacts.parse({
    schemaVersion: factsSchemaVersion,
    collectedAt: runTime,
    context: {
      serviceAccount: request.serviceAccount,
      serviceAccountSid: serviceAccountSidOf(request, jumpHost),
      exchangeServers: request.exchangeServers,
      syncServers,
    },
    servers,
  });
  return { facts, problems, warnings: run.warnings };
}

/** The saved facts alone, in the shape the check run service takes (electron/services/check-run-service.ts FactsAssembler). */
export function assembleFacts(input: AssembleInput): SavedFacts {
  return assembleSavedFacts(input).facts;
}
