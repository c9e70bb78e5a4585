/** How the file's bytes map to text, kept so the edited text is written back the same way. */
export interface ConfigEncoding {
  charset: 'utf-8' | 'utf-16le' | 'utf-16be';
  bom: boolean;
}

export interface DecodedConfig {
  text: string;
  encoding: ConfigEncoding;
}

export class ConfigEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigEncodingError';
  }
}

function startsWithBytes(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((value, i) => bytes[i] === value);
}

function swapBytePairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] ?? 0;
    out[i + 1] = bytes[i] ?? 0;
  }
  return out;
}

/**
 * Decodes strictly: invalid UTF-8 is refused rather than replaced, so that encoding the text
 * again gives back exactly the bytes that were read.
 */
export function decodeConfig(bytes: Uint8Array): DecodedConfig {
  let encoding: ConfigEncoding;
  let body: Uint8Array;
  if (startsWithBytes(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = { charset: 'utf-8', bom: true };
    body = bytes.subarray(3);
  } else if (startsWithBytes(bytes, [0xff, 0xfe])) {
    encoding = { charset: 'utf-16le', bom: true };
    body = bytes.subarray(2);
  } else if (startsWithBytes(bytes, [0xfe, 0xff])) {
    encoding = { charset: 'utf-16be', bom: true };
    body = bytes.subarray(2);
  } else if (startsWithBytes(bytes, [0x3c, 0x00]) || startsWithBytes(bytes, [0x00, 0x3c])) {
    throw new ConfigEncodingError('the file is UTF-16 without a byte order mark; save it as UTF-8');
  } else {
    encoding = { charset: 'utf-8', bom: false };
    body = bytes;
  }
  if (encoding.charset !== 'utf-8' && body.length % 2 !== 0) {
    throw new ConfigEncodingError('the file is not valid UTF-16 (odd number of bytes)');
  }
  try {
    const decoder = new TextDecoder(encoding.charset, { fatal: true, ignoreBOM: true });
    return { text: decoder.decode(body), encoding };
  } catch {
    throw new ConfigEncodingError(`the file is not valid ${encoding.charset.toUpperCase()}`);
  }
}

export function encodeConfig(text: string, encoding: ConfigEncoding): Uint8Array {
  let body: Uint8Array;
  if (encoding.charset === 'utf-8') body = new TextEncoder().encode(text);
  else {
    const little = Buffer.from(text, 'utf16le');
    body = encoding.charset === 'utf-16le' ? little : swapBytePairs(little);
  }
  if (!encoding.bom) return body;
  const bom =
    encoding.charset === 'utf-8'
      ? [0xef, 0xbb, 0xbf]
      : encoding.charset === 'utf-16le'
        ? [0xff, 0xfe]
        : [0xfe, 0xff];
  const out = new Uint8Array(bom.length + body.length);
  out.set(bom, 0);
  out.set(body, bom.length);
  return out;
}

/** A declared encoding must agree with what the bytes are; other code pages are not edited. */
export function describeDeclaredEncodingProblem(
  declared: string | null,
  encoding: ConfigEncoding,
): string | null {
  if (declared === null) return null;
  const name = declared.toLowerCase().replace(/_/g, '-');
  const family = encoding.charset === 'utf-8' ? 'utf-8' : 'utf-16';
  if (name === 'utf-8' || name === 'utf8')
    return family === 'utf-8' ? null : `the file declares ${declared} but is UTF-16`;
  if (name === 'utf-16' || name === 'unicode' || name === 'utf-16le' || name === 'utf-16be') {
    return family === 'utf-16' ? null : `the file declares ${declared} but is UTF-8`;
  }
  return `the file declares encoding ${declared}; ExReady edits UTF-8 and UTF-16 files only`;
}
