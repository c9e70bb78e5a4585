import { createExreadyApi, type ExreadyApi, type ExreadyBridge } from '../../../shared/ipc/api';

declare global {
  interface Window {
    /** Exposed by the preload (or the e2e harness); the renderer's only way out. */
    readonly exready?: ExreadyBridge;
  }
}

let api: ExreadyApi | null = null;

/** The one IPC bridge module: every store slice calls main through this. */
export function exreadyApi(): ExreadyApi {
  if (api !== null) return api;
  if (window.exready === undefined) {
    throw new Error('ExReady’s bridge is missing: the page was opened outside the app.');
  }
  api = createExreadyApi(window.exready);
  return api;
}
