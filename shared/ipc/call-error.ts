import type { IpcError, IpcErrorCode, IpcIssue } from './result';

/** The error a renderer call rejects with: keeps the code and field issues from main. */
export class ExreadyCallError extends Error {
  readonly code: IpcErrorCode;
  readonly issues: IpcIssue[];
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ExreadyCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}
