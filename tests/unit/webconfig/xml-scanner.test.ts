import { describe, expect, it } from 'vitest';
import { attributeValue, elementPath, scanXml, XmlScanError } from '../../../electron/webconfig/xml-scanner';
import { readWebconfigFixture, webconfigFixtureNames } from '../../helpers/webconfig-fixtures';
import { decodeConfig } from '../../../electron/webconfig/config-encoding';

function scanError(text: string): XmlScanError {
  try {
    scanXml(text);
  } catch (error) {
    if (error instanceof XmlScanError) return error;
    throw error;
  }
  throw new Error('expected a scan error');
}

describe('scanXml', () => {
  it('records the offsets of elements, attributes and their values', () => {
    const text = `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <add key='a' value="x &amp; y"/>\n</configuration>`;
    const doc = scanXml(text);
    expect(doc.declaredEncoding).toBe('utf-8');
    const add = doc.root.children[0];
    expect(add?.name).toBe('add');
    expect(text.slice(add?.start, add?.end)).toBe(`<add key='a' value="x &amp; y"/>`);
    expect(add?.selfClosing).toBe(true);
    const value = add?.attributes[1];
    expect(value?.quote).toBe('"');
    expect(text.slice(value?.valueStart, value?.valueEnd)).toBe('x &amp; y');
    expect(value?.value).toBe('x & y');
    expect(add?.attributes[0]?.quote).toBe("'");
    expect(text.slice(add?.attributesEnd, add?.startTagEnd)).toBe('/>');
    expect(text.slice(doc.root.endTagStart, doc.root.end)).toBe('</configuration>');
  });

  it('skips comments, CDATA and processing instructions, and keeps comment positions', () => {
    const text = '<a><!-- <b/> --><![CDATA[<c/>]]><?pi x?><d x="1"></d></a>';
    const doc = scanXml(text);
    expect(doc.root.children.map((c) => c.name)).toEqual(['d']);
    expect(doc.root.comments).toEqual([{ start: 3, end: 16 }]);
    expect(elementPath(doc.root.children[0]!)).toEqual([0]);
  });

  it('decodes character references and normalises white space in values as XML does', () => {
    const doc = scanXml('<a v="&#65;&#x42;&lt;&gt;&quot;&apos;\t1\r\n2"/>');
    expect(attributeValue(doc.root, 'v')).toBe('AB<>"\' 1 2');
  });

  it.each([
    ['<a>\n  <b x=1/>\n</a>', 2, 8, 'must be in quotes'],
    ['<a>\n  <b x="1<2"/>\n</a>', 2, 10, "'<' is not allowed"],
    ['<a>\n  <b x="R&D"/>\n</a>', 2, 10, "'&' must start a reference"],
    ['<a>\n  Fish & chips\n</a>', 2, 8, "'&' must start a reference"],
    ['<a>\n  <b>\n</a>', 3, 1, 'expected </b> (opened at line 2, column 3) but found </a>'],
    ['<a/>\n<b/>', 2, 1, 'a second root element'],
    ['<a/>\ntext', 2, 1, 'text outside the root element'],
    ['<a>\n  <!-- x -- y -->\n</a>', 2, 10, "'--' is not allowed"],
    ['<a>\n  <!-- open\n</a>', 2, 3, 'never closed'],
    ['<a b="1" b="2"/>', 1, 10, "'b' is repeated"],
    ['<a b="1"c="2"/>', 1, 9, 'expected white space'],
    ['<a>\n  <b>', 2, 3, '<b> is never closed'],
    [' <?xml version="1.0"?><a/>', 1, 2, 'must be at the very start'],
    ['<a>\u0001</a>', 1, 4, 'control character'],
  ])('refuses %j at line %i, column %i', (text, line, column, reason) => {
    const error = scanError(text);
    expect(error.kind).toBe('malformed');
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.reason).toContain(reason);
  });

  it('refuses a DOCTYPE as unsupported: its entities could change values', () => {
    const error = scanError(
      '<?xml version="1.0"?>\n<!DOCTYPE configuration [<!ENTITY x "y">]>\n<configuration/>',
    );
    expect(error.kind).toBe('unsupported');
    expect({ line: error.line, column: error.column }).toEqual({ line: 2, column: 1 });
  });

  it('reads every fixture', async () => {
    for (const name of await webconfigFixtureNames()) {
      const { text } = decodeConfig(await readWebconfigFixture(name));
      const doc = scanXml(text);
      expect(doc.root.name, name).toBe('configuration');
      expect(text.slice(doc.root.start, doc.root.end).endsWith('</configuration>'), name).toBe(true);
    }
  });
});
