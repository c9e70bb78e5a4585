// Running operations by id, so a cancel call from the renderer can abort the matching work.
export class OperationRegistry {
  private readonly running = new Map<string, AbortController>();

  /** Registers an operation; throws if the id is already running (ids must be unique). */
  start(operationId: string): AbortSignal {
    if (this.running.has(operationId)) {
      throw new Error(`Operation ${operationId} is already running`);
    }
    const controller = new AbortController();
    this.running.set(operationId, controller);
    return controller.signal;
  }

  finish(operationId: string): void {
    this.running.delete(operationId);
  }

  /** Aborts a running operation; false when no such operation runs. */
  cancel(operationId: string): boolean {
    const controller = this.running.get(operationId);
    if (controller === undefined) return false;
    controller.abort(new OperationCancelledError(operationId));
    this.running.delete(operationId);
    return true;
  }

  cancelAll(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }

  get size(): number {
    return this.running.size;
  }
}

export class OperationCancelledError extends Error {
  constructor(readonly operationId: string) {
    super(`Operation ${operationId} was cancelled`);
    this.name = 'OperationCancelledError';
  }
}

export function isCancellation(error: unknown, signal: AbortSignal): boolean {
  return error instanceof OperationCancelledError || (signal.aborted && error === signal.reason);
}
