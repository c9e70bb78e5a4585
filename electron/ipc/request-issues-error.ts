import type { IpcIssue } from '../../shared/ipc/result';

/** A handler's refusal of a request field (e.g. a fix parameter its fix's schema rejects): the router answers invalid-request with these issues. */
export class RequestIssuesError extends Error {
  readonly issues: IpcIssue[];
  constructor(message: string, issues: IpcIssue[]) {
    super(message);
    this.name = 'RequestIssuesError';
    this.issues = issues;
  }
}
