/** A replayed probe asked for a response the recording does not hold: its verdict is unknown, naming the request. */
export class ProbeResponseNotRecorded extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    /** 1 for the first answer to this request, 2 for the second (a propagation retry), … */
    readonly occurrence: number,
  ) {
    super(
      `the recording holds no response for ${method} ${url}${occurrence > 1 ? ` (attempt ${occurrence})` : ''}`,
    );
    this.name = 'ProbeResponseNotRecorded';
  }
}
