import { createExreadyApi, type ExreadyApi } from '../../../shared/ipc/api';

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
