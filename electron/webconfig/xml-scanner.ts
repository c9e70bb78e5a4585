import { LineIndex } from './text-position';

/** One attribute with the offsets of its value between the quotes, so a value can be replaced in place. */
export interface XmlAttribute {
  name: string;
  nameStart: number;
  /** First character inside the quotes. */
  valueStart: number;
  /** Offset of the closing quote. */
  valueEnd: number;
  quote: '"' | "'";
  /** The value with references decoded and white space normalised, as an XML parser reports it. */
  value: string;
}

export interface XmlComment {
  start: number;
  end: number;
}

/** An element with the offsets needed to splice around it; every offset is a UTF-16 index into the text. */
export interface XmlElement {
  name: string;
  /** The `<` of the start tag. */
  start: number;
  /** Just after the last attribute (or the name): where a new attribute goes. */
  attributesEnd: number;
  /** Just after the `>` (or `/>`) of the start tag. */
  startTagEnd: number;
  selfClosing: boolean;
  /** The `<` of the end tag; equals startTagEnd when self-closing. */
  endTagStart: number;
  /** Just after the element. */
  end: number;
  attributes: XmlAttribute[];
  children: XmlElement[];
  comments: XmlComment[];
  parent: XmlElement | null;
}

export interface XmlDocument {
  text: string;
  root: XmlElement;
  /** `encoding` of the XML declaration, when declared. */
  declaredEncoding: string | null;
  lines: LineIndex;
}

/** Why the text is not XML ExReady will edit; `unsupported` is well-formed but out of scope (DOCTYPE). */
export class XmlScanError extends Error {
  constructor(
    readonly kind: 'malformed' | 'unsupported',
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = 'XmlScanError';
  }
}

// XML 1.0 (fifth edition) NameStartChar and NameChar, section 2.3, over code points.
const nameStartChars =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const nameChars = `${nameStartChars}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// The class lists combining marks (U+0300..U+036F) as a range of escapes, not as combined characters.
// eslint-disable-next-line no-misleading-character-class
const namePattern = new RegExp(`[${nameStartChars}][${nameChars}]*`, 'uy');
/** What may follow a name: white space, markup, or the end; anything else is a character names may not hold. */
const afterName = /[ \t\r\n=>/?]/;
const referencePattern = /&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));/y;

/** Offset of the first character XML forbids anywhere (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; a lone surrogate), or -1. */
function firstForbiddenCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      return i;
    }
    if ((code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) || code === 0xfffe || code === 0xffff)
      return i;
    if (code >= 0xdc00 && code <= 0xdfff) return i;
  }
  return -1;
}

const describeCharacter = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Declared prefixes in scope: the xml prefix is always bound (Namespaces in XML 1.0, section 3). */
type PrefixScope = ReadonlySet<string>;
const rootScope: PrefixScope = new Set(['xml']);
const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/**
 * Scans the subset of XML that web.config files use and records where every element and attribute
 * sits. Strict where XML is strict (quotes, references, nesting, one root), because a file IIS
 * cannot read must be refused, never "repaired". DOCTYPE is refused: its entities could change values.
 */
export function scanXml(text: string): XmlDocument {
  return new Scanner(text).scan();
}

class Scanner {
  private readonly lines: LineIndex;
  private pos = 0;
  private declaredEncoding: string | null = null;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  scan(): XmlDocument {
    const bad = firstForbiddenCharacter(this.text);
    if (bad !== -1) {
      const code = this.text.charCodeAt(bad);
      const what = code < 0x20 ? 'control character' : 'character';
      this.fail(bad, `the ${what} ${describeCharacter(code)} is not allowed in XML`);
    }
    this.scanDeclaration();
    const stack: XmlElement[] = [];
    // The namespace prefixes declared in scope of each open element, parallel to the stack.
    const scopes: PrefixScope[] = [];
    let root: XmlElement | null = null;
    const text = this.text;
    while (this.pos < text.length) {
      const lt = text.indexOf('<', this.pos);
      const runEnd = lt === -1 ? text.length : lt;
      if (runEnd > this.pos) {
        this.checkCharacterData(this.pos, runEnd, stack.length > 0);
        this.pos = runEnd;
        continue;
      }
      const parent = stack[stack.length - 1] ?? null;
      if (text.startsWith('<!--', this.pos)) this.scanComment(parent);
      else if (text.startsWith('<![CDATA[', this.pos)) this.scanCdata(parent);
      else if (text.startsWith('<!DOCTYPE', this.pos)) {
        this.fail(
          this.pos,
          'a DOCTYPE is not supported in web.config (its entities could change values)',
          'unsupported',
        );
      } else if (text.startsWith('<?', this.pos)) this.scanProcessingInstruction();
      else if (text.startsWith('</', this.pos)) {
        if (parent === null) this.fail(this.pos, 'an end tag without a start tag');
        this.scanEndTag(parent);
        stack.pop();
        scopes.pop();
      } else if (text.startsWith('<!', this.pos)) this.fail(this.pos, 'unexpected markup declaration');
      else {
        if (parent === null && root !== null) this.fail(this.pos, 'a second root element');
        const element = this.scanStartTag(parent);
        const scope = this.scopeOf(element, scopes[scopes.length - 1] ?? rootScope);
        if (parent === null) root = element;
        else parent.children.push(element);
        if (!element.selfClosing) {
          stack.push(element);
          scopes.push(scope);
        }
      }
    }
    const open = stack[stack.length - 1];
    if (open !== undefined) this.fail(open.start, `<${open.name}> is never closed`);
    if (root === null) this.fail(text.length, 'no root element');
    return { text, root, declaredEncoding: this.declaredEncoding, lines: this.lines };
  }

  private fail(offset: number, reason: string, kind: 'malformed' | 'unsupported' = 'malformed'): never {
    const { line, column } = this.lines.positionOf(offset);
    throw new XmlScanError(kind, reason, line, column);
  }

  private scanDeclaration(): void {
    // A byte order mark decoded into the text (U+FEFF) is not content; the bytes layer normally strips it.
    const at = this.text.startsWith('\uFEFF') ? 1 : 0;
    this.pos = at;
    if (!this.text.startsWith('<?xml', at) || !isSpace(this.text[at + 5])) return;
    const end = this.text.indexOf('?>', at + 5);
    if (end === -1) this.fail(at, 'the XML declaration is not closed');
    const body = this.text.slice(at + 5, end);
    // version, then optional encoding and standalone, in that order (XML 1.0 section 2.8, [23]-[32], [80]).
    const declaration =
      /^\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\4)?\s*$/.exec(
        body,
      );
    if (declaration === null)
      this.fail(
        at,
        'the XML declaration is malformed: it must be <?xml version="1.0"?>, optionally with encoding="..." and standalone="yes|no" in that order',
      );
    this.declaredEncoding = declaration[3] ?? null;
    this.pos = end + 2;
  }

  private checkCharacterData(start: number, end: number, insideRoot: boolean): void {
    const run = this.text.slice(start, end);
    if (!insideRoot) {
      const stray = run.search(/[^ \t\r\n]/);
      if (stray !== -1) this.fail(start + stray, 'text outside the root element');
      return;
    }
    const cdataEnd = run.indexOf(']]>');
    if (cdataEnd !== -1) this.fail(start + cdataEnd, "']]>' is not allowed in text");
    this.checkReferences(run, start);
  }

  /** Every `&` in `run` (which starts at `start`) must open a character reference or a predefined entity. */
  private checkReferences(run: string, start: number): void {
    for (let amp = run.indexOf('&'); amp !== -1; amp = run.indexOf('&', amp + 1)) {
      referencePattern.lastIndex = amp;
      const match = referencePattern.exec(run);
      if (match === null) this.fail(start + amp, "'&' must start a reference such as &amp;");
      const digits = match[1] ?? match[2];
      if (digits !== undefined && !isXmlChar(parseInt(digits, match[1] !== undefined ? 10 : 16))) {
        this.fail(start + amp, 'a character reference to a character XML does not allow');
      }
    }
  }

  private scanComment(parent: XmlElement | null): void {
    const start = this.pos;
    const close = this.text.indexOf('-->', start + 4);
    if (close === -1) this.fail(start, 'a comment is never closed');
    const doubleHyphen = this.text.indexOf('--', start + 4);
    if (doubleHyphen < close) this.fail(doubleHyphen, "'--' is not allowed inside a comment");
    this.pos = close + 3;
    parent?.comments.push({ start, end: this.pos });
  }

  private scanCdata(parent: XmlElement | null): void {
    if (parent === null) this.fail(this.pos, 'CDATA outside the root element');
    const close = this.text.indexOf(']]>', this.pos + 9);
    if (close === -1) this.fail(this.pos, 'a CDATA section is never closed');
    this.pos = close + 3;
  }

  private scanProcessingInstruction(): void {
    const start = this.pos;
    const target = this.readName(start + 2, 'a processing instruction target');
    if (target.toLowerCase() === 'xml')
      this.fail(start, 'the XML declaration must be at the very start of the file');
    const close = this.text.indexOf('?>', start + 2 + target.length);
    if (close === -1) this.fail(start, 'a processing instruction is never closed');
    this.pos = close + 2;
  }

  private readName(offset: number, what: string): string {
    namePattern.lastIndex = offset;
    const match = namePattern.exec(this.text);
    if (match === null) {
      const code = this.text.codePointAt(offset);
      if (code !== undefined && !/[ \t\r\n<>"'=/?!&]/.test(String.fromCodePoint(code)))
        this.fail(offset, `${describeCharacter(code)} cannot start ${what}`);
      this.fail(offset, `expected ${what}`);
    }
    const end = offset + match[0].length;
    const next = this.text.codePointAt(end);
    if (next !== undefined && !afterName.test(String.fromCodePoint(next)))
      this.fail(end, `${describeCharacter(next)} is not allowed in ${what} '${match[0]}'`);
    return match[0];
  }

  /** The prefixes in scope inside `element`: its parent's plus its own xmlns:p declarations, every name checked. */
  private scopeOf(element: XmlElement, inherited: PrefixScope): PrefixScope {
    const declared = new Set(inherited);
    for (const attribute of element.attributes) {
      if (!attribute.name.startsWith('xmlns:')) continue;
      const prefix = attribute.name.slice('xmlns:'.length);
      if (
        prefix === 'xmlns' ||
        (prefix === 'xml' && attribute.value !== 'http://www.w3.org/XML/1998/namespace')
      )
        this.fail(attribute.nameStart, `the prefix '${prefix}' cannot be declared`);
      if (attribute.value === '') this.fail(attribute.valueStart, `xmlns:${prefix} cannot be empty`);
      declared.add(prefix);
    }
    this.checkPrefix(element.name, element.start + 1, declared, 'the element');
    for (const attribute of element.attributes)
      if (attribute.name !== 'xmlns' && !attribute.name.startsWith('xmlns:'))
        this.checkPrefix(attribute.name, attribute.nameStart, declared, 'the attribute');
    return declared;
  }

  /** A prefixed name must be prefix:local once, with its prefix declared in scope; answers nothing, fails otherwise. */
  private checkPrefix(name: string, offset: number, scope: PrefixScope, what: string): void {
    const parts = name.split(':');
    if (parts.length === 1) return;
    if (parts.length > 2 || parts[0] === '' || parts[1] === '')
      this.fail(offset, `${what} '${name}' is not a valid qualified name (one prefix:local)`);
    const prefix = parts[0] ?? '';
    if (!scope.has(prefix))
      this.fail(
        offset,
        `the namespace prefix '${prefix}' of ${what} '${name}' is not declared (xmlns:${prefix}="...")`,
      );
  }

  private skipSpace(offset: number): number {
    let i = offset;
    while (isSpace(this.text[i])) i++;
    return i;
  }

  private scanEndTag(open: XmlElement): void {
    const start = this.pos;
    const name = this.readName(start + 2, 'an element name');
    const close = this.skipSpace(start + 2 + name.length);
    if (this.text[close] !== '>') this.fail(close, `</${name}> is not closed with '>'`);
    if (name !== open.name) {
      const opened = this.lines.positionOf(open.start);
      this.fail(
        start,
        `expected </${open.name}> (opened at line ${opened.line}, column ${opened.column}) but found </${name}>`,
      );
    }
    open.endTagStart = start;
    open.end = close + 1;
    this.pos = close + 1;
  }

  private scanStartTag(parent: XmlElement | null): XmlElement {
    const start = this.pos;
    const name = this.readName(start + 1, 'an element name');
    const attributes: XmlAttribute[] = [];
    let cursor = start + 1 + name.length;
    for (;;) {
      const spaceStart = cursor;
      cursor = this.skipSpace(cursor);
      const ch = this.text[cursor];
      if (ch === undefined) this.fail(start, `the start tag <${name}> is never closed`);
      if (ch === '>' || this.text.startsWith('/>', cursor)) {
        const selfClosing = ch === '/';
        const startTagEnd = cursor + (selfClosing ? 2 : 1);
        this.pos = startTagEnd;
        return {
          name,
          start,
          attributesEnd: spaceStart,
          startTagEnd,
          selfClosing,
          endTagStart: startTagEnd,
          end: startTagEnd,
          attributes,
          children: [],
          comments: [],
          parent,
        };
      }
      if (cursor === spaceStart) this.fail(cursor, `expected white space, '>' or '/>' in <${name}>`);
      const attribute = this.scanAttribute(cursor, name);
      if (attributes.some((a) => a.name === attribute.name)) {
        this.fail(attribute.nameStart, `attribute '${attribute.name}' is repeated in <${name}>`);
      }
      attributes.push(attribute);
      cursor = attribute.valueEnd + 1;
    }
  }

  private scanAttribute(nameStart: number, element: string): XmlAttribute {
    const name = this.readName(nameStart, `an attribute name in <${element}>`);
    const equals = this.skipSpace(nameStart + name.length);
    if (this.text[equals] !== '=') this.fail(equals, `attribute '${name}' has no value`);
    const open = this.skipSpace(equals + 1);
    const quote = this.text[open];
    if (quote !== '"' && quote !== "'") this.fail(open, `the value of '${name}' must be in quotes`);
    const valueStart = open + 1;
    const valueEnd = this.text.indexOf(quote, valueStart);
    if (valueEnd === -1) this.fail(open, `the value of '${name}' is never closed`);
    const raw = this.text.slice(valueStart, valueEnd);
    const lt = raw.indexOf('<');
    if (lt !== -1) this.fail(valueStart + lt, `'<' is not allowed in the value of '${name}' (write &lt;)`);
    this.checkReferences(raw, valueStart);
    return { name, nameStart, valueStart, valueEnd, quote, value: decodeAttributeValue(raw) };
  }
}

/** Decodes references and normalises white space as XML 1.0 section 3.3.3 says a parser must. */
export function decodeAttributeValue(raw: string): string {
  if (!/[&\t\n\r]/.test(raw)) return raw;
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\n]/g, ' ')
    .replace(
      /&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));/g,
      (_m, dec?: string, hex?: string, name?: string) =>
        name !== undefined
          ? (predefined[name] ?? '')
          : String.fromCodePoint(parseInt(dec ?? hex ?? '0', dec ? 10 : 16)),
    );
}

export function findAttribute(element: XmlElement, name: string): XmlAttribute | undefined {
  return element.attributes.find((attribute) => attribute.name === name);
}

export function attributeValue(element: XmlElement, name: string): string | undefined {
  return findAttribute(element, name)?.value;
}

export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** Element indices from the root down: the address the semantic check uses to find the same element. */
export function elementPath(element: XmlElement): number[] {
  const path: number[] = [];
  for (let node = element; node.parent !== null; node = node.parent)
    path.unshift(node.parent.children.indexOf(node));
  return path;
}
