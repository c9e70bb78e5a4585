import type { InvokeChannel } from '../../shared/ipc/contract';
import type { IpcIssue } from '../../shared/ipc/result';

// Checked before zod sees a request: zod recurses (a 10,000-deep object overflows the stack) and
// copies every string, so depth, size and hostile keys are refused first, iteratively.

export const maxDepth = 32;
export const defaultStringCap = 64 * 1024;
/** Values (strings, array items, object keys) in one request; a 5,000-server list fits many times. */
export const maxNodes = 200_000;

/** Fields the contract lets be larger than the default cap, by channel and field path. */
const namedStringCaps: Partial<Record<InvokeChannel, Record<string, number>>> = {
  'inventory:import-csv': { text: 5_000_000 },
  'tenant:check-ews': { 'exoSettings.text': 1_000_000 },
};

// Keys that would set or shadow an object's prototype once copied into a record.
const hostileKeys = new Set(['__proto__', 'constructor', 'prototype']);

const pathText = (path: readonly (string | number)[]) => path.map(String).join('.') || '(request)';

/** The first limit the request breaks, as an issue naming its field; null when within every limit. */
export function payloadLimitIssue(channel: InvokeChannel, request: unknown): IpcIssue | null {
  const caps = namedStringCaps[channel] ?? {};
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: request, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (++nodes > maxNodes)
      return { path: pathText(path), message: `the request holds more than ${maxNodes} values` };
    if (typeof value === 'string') {
      const cap = caps[path.join('.')] ?? defaultStringCap;
      if (value.length > cap)
        return {
          path: pathText(path),
          message: `is ${value.length} characters; at most ${cap} are accepted here`,
        };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= maxDepth)
      return { path: pathText(path), message: `nests deeper than ${maxDepth} levels` };
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1)
        stack.push({ value: value[index] as unknown, path: [...path, index] });
      continue;
    }
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'symbol') continue;
      const keyPath = [...path, key.length > 60 ? `${key.slice(0, 60)}…` : key];
      if (hostileKeys.has(key))
        return { path: pathText(keyPath), message: `"${key}" is not accepted as a key` };
      if (key.length > 1024)
        return { path: pathText(keyPath), message: `a key of ${key.length} characters is not accepted` };
      stack.push({ value: (value as Record<string, unknown>)[key], path: keyPath });
    }
  }
  return null;
}
