import { describe, expect, it } from 'vitest';
import {
  createExreadyApi,
  createExreadyBridge,
  eventMethods,
  invokeMethods,
  type ExreadyTransport,
} from '../../../shared/ipc/api';
import { ExreadyCallError } from '../../../shared/ipc/call-error';
import { invokeChannels } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';

function recordingTransport(answer: IpcResult) {
  const invoked: [string, unknown][] = [];
  const subscribed: string[] = [];
  const transport: ExreadyTransport = {
    invoke: (channel, request) => {
      invoked.push([channel, request]);
      return Promise.resolve(answer);
    },
    subscribe: (channel) => {
      subscribed.push(channel);
      return () => undefined;
    },
  };
  return { transport, invoked, subscribed };
}

describe('the renderer API', () => {
  it('has a named function for every invoke channel of the contract', () => {
    expect(Object.values(invokeMethods).sort()).toEqual([...invokeChannels].sort());
  });

  it('sends each method on its channel with the request unchanged', async () => {
    const { transport, invoked } = recordingTransport({ ok: true, value: { cancelled: true } });
    const api = createExreadyApi(createExreadyBridge(transport));
    await expect(api.cancelOperation({ operationId: 'x' })).resolves.toEqual({ cancelled: true });
    await api.getInventory();
    expect(invoked).toEqual([
      ['operation:cancel', { operationId: 'x' }],
      ['inventory:get', undefined],
    ]);
  });

  it('rejects with the code and field issues main sent', async () => {
    const { transport } = recordingTransport({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'bad',
        issues: [{ path: 'fqdns.1', message: 'not fully qualified' }],
      },
    });
    const api = createExreadyApi(createExreadyBridge(transport));
    const error: unknown = await api.addExchangeServers({ fqdns: ['a', 'b'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExreadyCallError);
    expect(error).toMatchObject({ code: 'invalid-request', issues: [{ path: 'fqdns.1' }] });
  });

  it('subscribes each on-method to its event channel', () => {
    const { transport, subscribed } = recordingTransport({ ok: true, value: null });
    const bridge = createExreadyBridge(transport);
    bridge.onOperationProgress(() => undefined);
    expect(subscribed).toEqual([eventMethods.onOperationProgress]);
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
