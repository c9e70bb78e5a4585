const hidden = '[secret]';

/**
 * The ERP's password or client secret, typed for one probe and held in memory only: it prints,
 * serialises and inspects as "[secret]", so it cannot leak into logs, evidence or errors by accident.
 */
export class ProbeSecret {
  readonly #value: string;

  constructor(value: string) {
    if (value.length === 0)
      throw new Error('The probe secret is empty: type the ERP\u2019s password or client secret.');
    this.#value = value;
  }

  /** The clear value, for the one request body that needs it. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return hidden;
  }

  toJSON(): string {
    return hidden;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return hidden;
  }
}
