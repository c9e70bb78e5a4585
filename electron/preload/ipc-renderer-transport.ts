import type { ExreadyTransport } from '../../shared/ipc/api';
import type { EventChannel, InvokeChannel } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';

/** The slice of Electron's ipcRenderer the preload uses (typed here so the transport is testable in Node). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createIpcRendererTransport(ipcRenderer: IpcRendererLike): ExreadyTransport {
  return {
    invoke: (channel: InvokeChannel, request: unknown) =>
      ipcRenderer.invoke(channel, request) as Promise<IpcResult>,
    subscribe(channel: EventChannel, listener: (payload: unknown) => void) {
      // Wrap once so the renderer never sees the IpcRendererEvent (it exposes the sender), and
      // remove exactly this wrapper on unsubscribe.
      const wrapper = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, wrapper);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipcRenderer.removeListener(channel, wrapper);
      };
    },
  };
}
