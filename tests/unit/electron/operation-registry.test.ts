import { describe, expect, it } from 'vitest';
import {
  isCancellation,
  OperationCancelledError,
  OperationRegistry,
} from '../../../electron/ipc/operation-registry';

describe('OperationRegistry', () => {
  it('aborts the signal of the cancelled operation only', () => {
    const registry = new OperationRegistry();
    const a = registry.start('a');
    const b = registry.start('b');
    expect(registry.cancel('a')).toBe(true);
    expect(a.aborted).toBe(true);
    expect(a.reason).toBeInstanceOf(OperationCancelledError);
    expect(isCancellation(a.reason, a)).toBe(true);
    expect(b.aborted).toBe(false);
    expect(registry.cancel('a')).toBe(false);
  });

  it('refuses a second operation with a running id and frees the id when finished', () => {
    const registry = new OperationRegistry();
    registry.start('x');
    expect(() => registry.start('x')).toThrow(/already running/);
    registry.finish('x');
    expect(registry.size).toBe(0);
    expect(() => registry.start('x')).not.toThrow();
  });

  it('cancels everything on quit', () => {
    const registry = new OperationRegistry();
    const signals = ['1', '2', '3'].map((id) => registry.start(id));
    registry.cancelAll();
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(registry.size).toBe(0);
  });
});
