import { describe, expect, it } from 'vitest';
import { proveSemanticChange } from '../../../electron/webconfig/semantic-proof';
import { WebConfigRefusal } from '../../../electron/webconfig/webconfig-refusal';
import type { SemanticOperation } from '../../../electron/webconfig/semantic-model';

const before =
  '<configuration>\n  <appSettings>\n    <add key="A" value="1" />\n  </appSettings>\n  <!-- note -->\n</configuration>';
const addB: SemanticOperation = {
  kind: 'append-child',
  path: [0],
  element: 'appSettings',
  child: { kind: 'element', name: 'add', attributes: { key: 'B', value: 'x & y' }, children: [] },
};

function refusalOf(after: string, operations: readonly SemanticOperation[]): WebConfigRefusal {
  try {
    proveSemanticChange(before, after, operations);
  } catch (error) {
    if (error instanceof WebConfigRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('proveSemanticChange', () => {
  it('accepts exactly the intended change, whatever the layout and comments', () => {
    const after = before
      .replace('</appSettings>', '<add value="x &amp; y"   key="B"/>\n</appSettings>')
      .replace('<!-- note -->', '');
    expect(() => proveSemanticChange(before, after, [addB])).not.toThrow();
  });

  it('refuses an edit that also changed something else', () => {
    const after = before
      .replace('</appSettings>', '<add key="B" value="x &amp; y" />\n</appSettings>')
      .replace('value="1"', 'value="2"');
    const error = refusalOf(after, [addB]);
    expect(error.code).toBe('semantic-mismatch');
    expect(error.message).toContain('attribute value differs at /configuration/appSettings/add');
  });

  it('refuses an edit that missed the intended change', () => {
    expect(refusalOf(before, [addB]).message).toContain('child count differs');
  });

  it('applies attribute changes, removals and moves against the original paths', () => {
    const text = '<c><m><add name="X" type="1"/><add name="Y"/><add name="Z"/></m></c>';
    const after = '<c><m><add name="Z"/><add name="X" type="2"/></m></c>';
    expect(() =>
      proveSemanticChange(text, after, [
        { kind: 'set-attribute', path: [0, 0], element: 'add', name: 'type', value: '2' },
        { kind: 'remove-child', path: [0, 1], element: 'add' },
        { kind: 'move-to-end', path: [0, 0], element: 'add' },
      ]),
    ).not.toThrow();
  });
});
