import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { closedPipeExitCode, pipeWriter } from '../../../electron/cli/closed-pipe';
import { progressLines } from '../../../electron/cli/commands/check-command';
import { labNameIn } from '../../../electron/cli/persisted-labs';

describe('pipeWriter', () => {
  it('writes until the reader closes the pipe, then drops output and says so once', () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    let closedCalls = 0;
    const writer = pipeWriter(stream, () => (closedCalls += 1));
    writer.write('first\n');
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    writer.write('second\n');
    expect(chunks).toEqual(['first\n']);
    expect(writer.closed()).toBe(true);
    expect(closedCalls).toBe(1);
    expect(closedPipeExitCode).toBe(128 + 13);
  });

  it('lets any other stream error through', () => {
    const stream = new PassThrough();
    pipeWriter(stream);
    expect(() => stream.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow(
      'disk full',
    );
  });
});

describe('progressLines', () => {
  it('gives a server that never answered its own line when the collection ends', () => {
    const servers = ['a.contoso.com', 'b.contoso.com', 'c.contoso.com'];
    const answered = new Set<string>();
    const lines = [
      ...progressLines({ kind: 'started', runId: 'r', total: 3, servers, throttle: 32 }, servers, answered),
      ...progressLines(
        { kind: 'server', server: 'b.contoso.com', outcome: 'collected', done: 1, total: 3 },
        servers,
        answered,
      ),
      ...progressLines(
        { kind: 'server', server: 'a.contoso.com', outcome: 'unreachable', done: 2, total: 3 },
        servers,
        answered,
      ),
      ...progressLines({ kind: 'collected', done: 2, total: 3 }, servers, answered),
    ];
    expect(lines).toEqual([
      'Collecting 3 Exchange servers...',
      '[1/3] b.contoso.com: collected',
      '[2/3] a.contoso.com: unreachable',
      '[3/3] c.contoso.com: no answer (the collection ended before it answered)',
    ]);
  });
});

describe('labNameIn', () => {
  it('reads --lab NAME and --lab=NAME, and null without it', () => {
    expect(labNameIn(['--server', 'x', '--lab', 'demo'])).toBe('demo');
    expect(labNameIn(['--lab=demo'])).toBe('demo');
    expect(labNameIn(['--servers', 'a.b.c'])).toBeNull();
  });
});
