// Secrets typed for one call (a proof's password): the log redactor masks them while the call holds them.

export class HeldSecrets {
  private readonly held = new Map<string, number>();

  /** Masks the value in every log line until the returned release is called. */
  hold(value: string): () => void {
    if (value === '') return () => undefined;
    this.held.set(value, (this.held.get(value) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const count = (this.held.get(value) ?? 1) - 1;
      if (count <= 0) this.held.delete(value);
      else this.held.set(value, count);
    };
  }

  values(): string[] {
    return [...this.held.keys()];
  }
}
