import { describe, expect, it } from 'vitest';
import {
  ConfigEncodingError,
  decodeConfig,
  describeDeclaredEncodingProblem,
  encodeConfig,
} from '../../../electron/webconfig/config-encoding';

const xml = '<?xml version="1.0" encoding="utf-16"?>\r\n<configuration>é€😀</configuration>';

describe('decodeConfig and encodeConfig', () => {
  it('round-trips UTF-8 with and without a BOM byte for byte', () => {
    for (const bytes of [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>é</a>')]),
      Buffer.from('<a>é</a>'),
    ]) {
      const decoded = decodeConfig(bytes);
      expect(decoded.text).toBe('<a>é</a>');
      expect(Buffer.from(encodeConfig(decoded.text, decoded.encoding)).equals(bytes)).toBe(true);
    }
  });

  it('round-trips UTF-16 LE and BE with their BOM', () => {
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    const big = Buffer.from(little);
    big.swap16();
    for (const [bytes, charset] of [
      [little, 'utf-16le'],
      [big, 'utf-16be'],
    ] as const) {
      const decoded = decodeConfig(bytes);
      expect(decoded).toEqual({ text: xml, encoding: { charset, bom: true } });
      expect(Buffer.from(encodeConfig(decoded.text, decoded.encoding)).equals(bytes)).toBe(true);
    }
  });

  it('refuses invalid UTF-8 rather than replacing it', () => {
    expect(() => decodeConfig(Buffer.from([0x3c, 0x61, 0xff, 0x3e]))).toThrow(ConfigEncodingError);
  });

  it('refuses UTF-16 without a BOM', () => {
    expect(() => decodeConfig(Buffer.from('<a/>', 'utf16le'))).toThrow(/without a byte order mark/);
  });

  it('accepts a declaration that matches the bytes and refuses other code pages', () => {
    expect(describeDeclaredEncodingProblem('UTF-8', { charset: 'utf-8', bom: true })).toBeNull();
    expect(describeDeclaredEncodingProblem(null, { charset: 'utf-8', bom: false })).toBeNull();
    expect(describeDeclaredEncodingProblem('utf-16', { charset: 'utf-16le', bom: true })).toBeNull();
    expect(describeDeclaredEncodingProblem('utf-16', { charset: 'utf-8', bom: true })).toContain(
      'but is UTF-8',
    );
    expect(describeDeclaredEncodingProblem('windows-1252', { charset: 'utf-8', bom: false })).toContain(
      'UTF-8 and UTF-16 files only',
    );
  });
});
