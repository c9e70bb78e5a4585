import { createHash } from 'node:crypto';

// Byte helpers for the lab: UTF-8, base64 and SHA-256 as the collector prints them (the lab runs in main, so Node's own).

export function utf8Bytes(text: string): number[] {
  return [...Buffer.from(text, 'utf8')];
}

export function base64Of(bytes: readonly number[]): string {
  return Buffer.from(bytes).toString('base64');
}

/** SHA-256 as upper-case hex, like [BitConverter]::ToString on the hash with the dashes removed. */
export function sha256Hex(bytes: readonly number[]): string {
  return createHash('sha256').update(Buffer.from(bytes)).digest('hex').toUpperCase();
}
