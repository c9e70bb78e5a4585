import { describe, expect, it } from 'vitest';
import { defaultStringCap, maxDepth, payloadLimitIssue } from '../../../electron/ipc/payload-limits';

// The walk before zod: iterative, so no depth of input can overflow the stack.

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

describe('payloadLimitIssue', () => {
  it('refuses a million-deep object at level 32 without recursing', () => {
    const issue = payloadLimitIssue('fixes:preview', { parameters: nested(1_000_000) });
    expect(issue?.message).toBe(`nests deeper than ${maxDepth} levels`);
    expect(issue?.path.split('.')).toHaveLength(maxDepth);
  });

  it('takes 31 levels under the request', () => {
    expect(payloadLimitIssue('fixes:preview', { parameters: nested(30) })).toBeNull();
  });

  it('caps strings at 64 KiB except the fields the contract lets be larger', () => {
    const over = 'x'.repeat(defaultStringCap + 1);
    expect(payloadLimitIssue('inventory:import-csv', { fileName: over, text: '' })?.path).toBe('fileName');
    expect(payloadLimitIssue('inventory:import-csv', { fileName: 'a.csv', text: over })).toBeNull();
    expect(payloadLimitIssue('secrets:set', { name: 'MONOSIGN_API_KEY', value: over })?.path).toBe('value');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s, naming where it is', (key) => {
    const request = { fixes: [{ parameters: JSON.parse(`{"ok": 1, "${key}": {"x": 1}}`) as unknown }] };
    expect(payloadLimitIssue('fixes:export', request)).toEqual({
      path: `fixes.0.parameters.${key}`,
      message: `"${key}" is not accepted as a key`,
    });
  });

  it('refuses a request of more values than any channel needs', () => {
    const issue = payloadLimitIssue('inventory:add-exchange-servers', {
      fqdns: Array<string>(300_000).fill('a'),
    });
    expect(issue?.message).toMatch(/more than 200000 values/);
  });
});
