import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { invokeChannels, type EventChannel } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import type { EventDelivery } from './event-sink';
import type { IpcRouter, RouterLogger } from './router';
import { quoteInput } from '../../shared/domain/quote-input';

// The only place that touches ipcMain and webContents.send: everything else goes through the router.

export interface SenderFrame {
  readonly url: string;
}

export function bindRouterToIpcMain(options: {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  router: IpcRouter;
  isTrustedSender: (frame: SenderFrame | null, sender: WebContents) => boolean;
  logger: RouterLogger;
}): () => void {
  for (const channel of invokeChannels) {
    options.ipcMain.handle(
      channel,
      async (event: IpcMainInvokeEvent, request: unknown): Promise<IpcResult> => {
        if (!options.isTrustedSender(event.senderFrame, event.sender)) {
          options.logger.warn('Rejected a call from an untrusted sender', {
            channel,
            url: quoteInput(event.senderFrame?.url ?? '(no frame)'),
          });
          return {
            ok: false,
            error: { code: 'untrusted-sender', message: 'The caller is not ExReady’s own window' },
          };
        }
        return options.router.invoke(channel, request);
      },
    );
  }
  return () => {
    for (const channel of invokeChannels) options.ipcMain.removeHandler(channel);
  };
}

/** Sends validated events to the one app window, if it is still alive. */
export function createWebContentsDelivery(target: () => WebContents | null): EventDelivery {
  return (channel: EventChannel, payload: unknown) => {
    const contents = target();
    if (contents !== null && !contents.isDestroyed()) contents.send(channel, payload);
  };
}
