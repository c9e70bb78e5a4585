import type { TextPosition } from './text-position';

export type RefusalCode =
  | 'malformed'
  | 'unsupported'
  | 'encoding'
  | 'duplicate'
  | 'ambiguous'
  | 'external-source'
  | 'invalid-operation'
  | 'semantic-mismatch'
  | 'not-idempotent'
  | 'changed-on-disk'
  | 'backup-conflict'
  | 'verification-failed'
  | 'locked';

/** ExReady will not make this edit; the message says why and, where it helps, where in the file. */
export class WebConfigRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly position?: TextPosition,
  ) {
    super(message);
    this.name = 'WebConfigRefusal';
  }
}
