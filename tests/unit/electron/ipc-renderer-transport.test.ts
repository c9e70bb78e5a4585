import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  createIpcRendererTransport,
  type IpcRendererLike,
} from '../../../electron/preload/ipc-renderer-transport';

function fakeIpcRenderer() {
  const emitter = new EventEmitter();
  const invoked: unknown[][] = [];
  const ipc: IpcRendererLike & { emitter: EventEmitter; invoked: unknown[][] } = {
    emitter,
    invoked,
    invoke: (channel, ...args) => {
      invoked.push([channel, ...args]);
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
  return ipc;
}

describe('createIpcRendererTransport', () => {
  it('removes exactly the listener it added, even when the same callback subscribed twice', () => {
    const ipc = fakeIpcRenderer();
    const transport = createIpcRendererTransport(ipc);
    const received: unknown[] = [];
    const listener = (payload: unknown) => received.push(payload);

    const first = transport.subscribe('operation:progress', listener);
    transport.subscribe('operation:progress', listener);
    expect(ipc.emitter.listenerCount('operation:progress')).toBe(2);

    first();
    first(); // a second call must not remove the other subscription
    expect(ipc.emitter.listenerCount('operation:progress')).toBe(1);
    ipc.emitter.emit('operation:progress', { sender: 'event-object' }, { kind: 'finished' });
    expect(received).toEqual([{ kind: 'finished' }]);
  });

  it('never hands the IpcRendererEvent to the renderer', () => {
    const ipc = fakeIpcRenderer();
    const seen: unknown[][] = [];
    createIpcRendererTransport(ipc).subscribe('operation:progress', (...args: unknown[]) => seen.push(args));
    ipc.emitter.emit('operation:progress', { sender: 'secret-sender' }, 'payload');
    expect(seen).toEqual([['payload']]);
  });

  it('invokes on the named channel with one argument', async () => {
    const ipc = fakeIpcRenderer();
    await createIpcRendererTransport(ipc).invoke('inventory:get', undefined);
    expect(ipc.invoked).toEqual([['inventory:get', undefined]]);
  });
});
