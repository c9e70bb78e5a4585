import { describe, expect, it } from 'vitest';
import { invokeChannels } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';
import { bindRouterToIpcMain, createWebContentsDelivery } from '../../../electron/ipc/ipc-main-binding';
import type { IpcRouter } from '../../../electron/ipc/router';
import { OperationRegistry } from '../../../electron/ipc/operation-registry';

type Handler = (event: unknown, request: unknown) => Promise<IpcResult>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

function recordingRouter() {
  const calls: [unknown, unknown][] = [];
  const router: IpcRouter = {
    operations: new OperationRegistry(),
    invoke: (channel, request) => {
      calls.push([channel, request]);
      return Promise.resolve({ ok: true, value: 'answered' });
    },
  };
  return { router, calls };
}

describe('bindRouterToIpcMain', () => {
  const appFrame = { url: 'file:///app/out/renderer/index.html' };

  function bind() {
    const fakeMain = fakeIpcMain();
    const { router, calls } = recordingRouter();
    const warnings: string[] = [];
    const unbind = bindRouterToIpcMain({
      ipcMain: fakeMain as never,
      router,
      logger: { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
      isTrustedSender: (frame) => frame?.url === appFrame.url,
    });
    return { fakeMain, calls, warnings, unbind };
  }

  it('handles every channel of the contract, once', () => {
    const { fakeMain } = bind();
    expect([...fakeMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort());
  });

  it('passes a trusted call to the router unchanged', async () => {
    const { fakeMain, calls } = bind();
    const result = await fakeMain.handlers.get('inventory:get')?.(
      { senderFrame: appFrame, sender: {} },
      undefined,
    );
    expect(result).toEqual({ ok: true, value: 'answered' });
    expect(calls).toEqual([['inventory:get', undefined]]);
  });

  it('refuses a call from another frame without reaching the router', async () => {
    const { fakeMain, calls, warnings } = bind();
    const result = await fakeMain.handlers.get('inventory:get')?.(
      { senderFrame: { url: 'https://evil.example/' }, sender: {} },
      undefined,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(calls).toEqual([]);
    expect(warnings).toEqual(['Rejected a call from an untrusted sender']);
    // A frame that is already gone (null) is refused too.
    await expect(
      fakeMain.handlers.get('inventory:get')?.({ senderFrame: null, sender: {} }, undefined),
    ).resolves.toMatchObject({
      ok: false,
    });
  });

  it('removes every handler when unbound', () => {
    const { fakeMain, unbind } = bind();
    unbind();
    expect(fakeMain.handlers.size).toBe(0);
  });
});

describe('createWebContentsDelivery', () => {
  it('sends to a live window and drops events for a destroyed or missing one', () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const contents = { isDestroyed: () => destroyed, send: (...args: unknown[]) => sent.push(args) };
    let target: typeof contents | null = contents;
    const deliver = createWebContentsDelivery(() => target as never);
    deliver('operation:progress', { kind: 'finished' });
    destroyed = true;
    deliver('operation:progress', { kind: 'finished' });
    target = null;
    deliver('operation:progress', { kind: 'finished' });
    expect(sent).toEqual([['operation:progress', { kind: 'finished' }]]);
  });
});
