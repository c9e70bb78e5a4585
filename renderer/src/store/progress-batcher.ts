/** Collects items and hands them over at most once per animation frame. */
export function createFrameBatcher<T>(flush: (items: T[]) => void) {
  let pending: T[] = [];
  let frame: number | null = null;
  const run = () => {
    frame = null;
    const items = pending;
    pending = [];
    if (items.length > 0) flush(items);
  };
  return {
    push(item: T) {
      pending.push(item);
      if (frame === null) frame = requestAnimationFrame(run);
    },
    /** Hands over whatever is pending now (e.g. when the operation ends). */
    flushNow() {
      if (frame !== null) cancelAnimationFrame(frame);
      run();
    },
  };
}
