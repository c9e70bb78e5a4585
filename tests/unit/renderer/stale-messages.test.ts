import { describe, expect, it } from 'vitest';
import {
  runErrorIsStale,
  serversInWarnings,
  type MessageWatch,
} from '../../../renderer/src/store/stale-messages';

const failed: MessageWatch = {
  runError: 'PowerShell not found: tried pwsh',
  inventory: { exchangeServers: [] },
  run: null,
  showingHistory: false,
  mfa: null,
};

describe('runErrorIsStale (issue 13, Why 13)', () => {
  it('clears "PowerShell not found" once the inventory changes, a run or the history opens', () => {
    expect(runErrorIsStale(failed, { ...failed, inventory: { exchangeServers: ['x'] } })).toBe(true);
    expect(runErrorIsStale(failed, { ...failed, run: { runId: 'demo' } })).toBe(true);
    expect(runErrorIsStale(failed, { ...failed, showingHistory: true })).toBe(true);
  });

  it('keeps it while nothing else happened, and never clears a new error', () => {
    expect(runErrorIsStale(failed, { ...failed })).toBe(false);
    expect(runErrorIsStale({ ...failed, runError: null }, { ...failed, inventory: {} })).toBe(false);
    expect(runErrorIsStale(failed, { ...failed, run: null, showingHistory: false })).toBe(false);
  });
});

describe('serversInWarnings', () => {
  it('names each server a warning is about once, in order, and nothing else', () => {
    expect(
      serversInWarnings(
        [
          'exch05.contoso.com: Access is denied.',
          'the collection ended without its done line: some servers may be missing',
          'EXCH07.contoso.com: WinRM cannot complete the operation.',
          'exch05.contoso.com: warning: slow',
          'sync01.contoso.com: unreachable',
        ],
        ['exch01.contoso.com', 'exch05.contoso.com', 'exch07.contoso.com'],
      ),
    ).toEqual(['exch05.contoso.com', 'exch07.contoso.com']);
  });
});
