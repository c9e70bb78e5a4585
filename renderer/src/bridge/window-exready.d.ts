import type { ExreadyBridge } from '../../../shared/ipc/api';

declare global {
  interface Window {
    /** Exposed by the preload (or the e2e harness); the renderer's only way out. */
    readonly exready?: ExreadyBridge;
  }
}
