import { describe, expect, it } from 'vitest';
import { validatorColumn } from '../../../electron/webconfig/webconfig-reader';

describe('validatorColumn', () => {
  it('keeps the column the validator gives, and names the end of the line when it gives none', () => {
    expect(validatorColumn('<a>\n</b>', 2, 3)).toBe(3);
    expect(validatorColumn('', 1, undefined)).toBe(1);
    expect(validatorColumn('  \r\n', 1, undefined)).toBe(3);
  });
});
