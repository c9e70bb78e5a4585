import { createExreadyBridge } from '../../../shared/ipc/api';
import type { EventChannel, InvokeChannel } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';

// Runs in the page before the app: stands in for the preload, using the same bridge builder,
// with Playwright bindings in place of Electron's IPC.

declare global {
  interface Window {
    __exreadyInvoke: (channel: InvokeChannel, request: unknown) => Promise<IpcResult>;
    __exreadyDispatch: (channel: EventChannel, payload: unknown) => void;
  }
}

const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

window.__exreadyDispatch = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

Object.defineProperty(window, 'exready', {
  value: createExreadyBridge({
    invoke: (channel, request) => window.__exreadyInvoke(channel, request),
    subscribe(channel, listener) {
      // A fresh wrapper per subscription, as the preload does, so unsubscribe removes exactly it.
      const wrapper = (payload: unknown) => listener(payload);
      const set = listeners.get(channel) ?? new Set();
      set.add(wrapper);
      listeners.set(channel, set);
      return () => set.delete(wrapper);
    },
  }),
  writable: false,
  configurable: false,
});
