import { describe, expect, it } from 'vitest';
import {
  cancelledBeforeAnswer,
  runCheck,
  toOperationProgress,
  type CheckRunProgress,
} from '../../../electron/services/check-run-service';
import {
  collectionBudgetMs,
  functionCollectionSource,
  readProtocolLine,
  type CollectionProducer,
} from '../../../electron/services/collection-source';
import { OperationProgress } from '../../../shared/domain/operation';
import { CollectionRequest } from '../../../shared/facts/collection-protocol';
import { mfaCollectionParameters } from '../../../shared/integrations/mfa-collection';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { collectionLine, serverErrorData } from '../../helpers/collection-lines';
import { readyServerFacts, syncServer, testNow } from '../../helpers/remoting-facts';
import { assembleFacts } from '../../../electron/facts/facts-assembler';

const runId = '0d9e4b1e-7c55-4d3a-8f0e-4a1b2c3d4e5f';
const target = {
  exchangeServers: ['exch01.contoso.com', 'EXCH02.contoso.com'],
  syncServers: ['sync01.contoso.com'],
  serviceAccount: 'CONTOSO\\svc-sync',
};

async function run(produce: CollectionProducer, signal = new AbortController().signal) {
  const progress: CheckRunProgress[] = [];
  const outcome = await runCheck(
    target,
    {
      source: functionCollectionSource(produce),
      assemble: assembleFacts,
      now: () => testNow,
      newRunId: () => runId,
    },
    { signal, onProgress: (event) => progress.push(event) },
  );
  return { outcome, progress };
}

describe('runCheck', () => {
  it('builds the request with defaults, reports each server as it answers and evaluates', async () => {
    const { outcome, progress } = await run(function* (request) {
      yield collectionLine(
        runId,
        'server-error',
        'sync01.contoso.com',
        serverErrorData('sync01 unreachable'),
      );
      yield collectionLine(runId, 'server-facts', 'exch01.contoso.com', readyServerFacts());
      yield collectionLine(runId, 'warning', 'exch02.contoso.com', 'slow answer');
      yield collectionLine(runId, 'server-error', 'exch02.contoso.com', serverErrorData('Access is denied.'));
      yield collectionLine('11111111-2222-4333-8444-555555555555', 'server-facts', 'exch02.contoso.com', {});
      yield collectionLine(runId, 'sync-facts', 'sync01.contoso.com', syncServer('sync01.contoso.com', '*'));
      yield collectionLine(runId, 'done', null, { servers: request.exchangeServers.length });
    });
    expect(outcome.request).toEqual({
      runId,
      exchangeServers: ['exch01.contoso.com', 'exch02.contoso.com'],
      syncServers: ['sync01.contoso.com'],
      serviceAccount: 'CONTOSO\\svc-sync',
      throttle: 16,
      timeoutSeconds: 120,
      // The MFA area is collected for the built-in profile unless the target says otherwise.
      mfa: mfaCollectionParameters(monosignProfile),
    });
    expect(progress).toEqual([
      {
        kind: 'started',
        runId,
        total: 2,
        servers: ['exch01.contoso.com', 'exch02.contoso.com'],
        throttle: 16,
      },
      { kind: 'server', server: 'exch01.contoso.com', outcome: 'collected', done: 1, total: 2 },
      { kind: 'warning', server: 'exch02.contoso.com', message: 'slow answer' },
      { kind: 'server', server: 'exch02.contoso.com', outcome: 'unreachable', done: 2, total: 2 },
      { kind: 'sync-server', server: 'sync01.contoso.com' },
      { kind: 'collected', done: 2, total: 2 },
    ]);
    expect(outcome.results.map((server) => server.fqdn)).toEqual([
      'exch01.contoso.com',
      'exch02.contoso.com',
    ]);
    expect(outcome.totals.unknown).toBeGreaterThan(0);
    expect(outcome.warnings).toEqual([
      'sync01.contoso.com: sync01 unreachable',
      'exch02.contoso.com: slow answer',
      'exch02.contoso.com: Access is denied.',
      'ignored a line of run 11111111-2222-4333-8444-555555555555',
    ]);
    for (const event of progress) OperationProgress.parse(toOperationProgress(runId, event));
  });

  it('warns when the done line never came, and refuses a run with no lines at all', async () => {
    const { outcome } = await run(function* () {
      yield collectionLine(runId, 'server-facts', 'exch01.contoso.com', readyServerFacts());
    });
    expect(outcome.warnings).toContain(
      'the collection ended without its done line: some servers may be missing',
    );
    await expect(run(() => [])).rejects.toThrow('The collection returned no results');
  });

  it('rethrows the caller’s own abort reason when cancelled', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the user');
    const running = run(async function* () {
      yield collectionLine(runId, 'server-facts', 'exch01.contoso.com', readyServerFacts());
      controller.abort(reason);
      await Promise.resolve();
      yield collectionLine(runId, 'done', null, {});
    }, controller.signal);
    await expect(running).rejects.toBe(reason);
  });

  it('with keepOnCancel, keeps the servers that answered and marks the others not collected (cancelled)', async () => {
    const controller = new AbortController();
    const progress: CheckRunProgress[] = [];
    const outcome = await runCheck(
      { ...target, exchangeServers: ['exch01.contoso.com', 'exch02.contoso.com', 'exch03.contoso.com'] },
      {
        source: functionCollectionSource(async function* () {
          yield collectionLine(runId, 'server-facts', 'exch01.contoso.com', readyServerFacts());
          yield collectionLine(
            runId,
            'server-error',
            'exch02.contoso.com',
            serverErrorData('Access is denied.'),
          );
          controller.abort(new Error('cancelled by the user'));
          await Promise.resolve();
          yield collectionLine(runId, 'server-facts', 'exch03.contoso.com', readyServerFacts());
        }),
        assemble: assembleFacts,
        now: () => testNow,
        newRunId: () => runId,
      },
      { signal: controller.signal, onProgress: (event) => progress.push(event), keepOnCancel: true },
    );
    expect(outcome.cancelled).toEqual({ collected: 2, total: 3 });
    const byServer = new Map(outcome.savedFacts.servers.map((server) => [server.fqdn, server]));
    expect(byServer.get('exch01.contoso.com')?.status).toBe('collected');
    // exch02 answered (unreachable for its own reason); exch03 never did: the cancel is why.
    expect(byServer.get('exch02.contoso.com')).toMatchObject({
      status: 'unreachable',
      failure: { message: expect.stringContaining('Access is denied') },
    });
    expect(byServer.get('exch03.contoso.com')).toMatchObject({
      status: 'unreachable',
      failure: { message: cancelledBeforeAnswer },
    });
    expect(outcome.results.map((server) => server.fqdn)).toHaveLength(3);
  });

  it('with keepOnCancel, a cancel before any server answered still throws: there is nothing to keep', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the user');
    controller.abort(reason);
    await expect(
      runCheck(
        target,
        {
          source: functionCollectionSource(function* () {
            yield collectionLine(runId, 'done', null, {});
          }),
          assemble: assembleFacts,
          now: () => testNow,
          newRunId: () => runId,
        },
        { signal: controller.signal, keepOnCancel: true },
      ),
    ).rejects.toBe(reason);
  });
});

describe('collection lines', () => {
  it('reads protocol lines, skips host noise and rejects broken ones', () => {
    expect(readProtocolLine(collectionLine(runId, 'done', null, {}))).toMatchObject({ kind: 'done' });
    expect(readProtocolLine('Loading personal and system profiles took 812ms.')).toBeNull();
    expect(() => readProtocolLine('{"exready":2}')).toThrow(/not a collection line/);
  });

  it('gives the whole run a budget of one per-server timeout per throttle wave, plus one', () => {
    const request = CollectionRequest.parse({
      runId,
      exchangeServers: Array.from({ length: 40 }, (_, index) => `exch${index}.contoso.com`),
      syncServers: [],
      serviceAccount: null,
      throttle: 16,
      timeoutSeconds: 60,
    });
    expect(collectionBudgetMs(request)).toBe((3 + 1) * 60_000 + 60_000);
  });
});
