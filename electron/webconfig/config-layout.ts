import { dominantLineEnding, indentOfLineAt, lineStartOf, startsLine } from './text-position';
import type { XmlDocument, XmlElement } from './xml-scanner';

/** A minimal text change, in offsets of the text as read. */
export interface TextSplice {
  start: number;
  end: number;
  text: string;
}

/** One line to write, `depth` levels below the container's children. */
export interface BlockLine {
  depth: number;
  text: string;
}

/** How the file is laid out, learnt from the file itself so new lines look like their neighbours. */
export interface ConfigLayout {
  eol: '\r\n' | '\n';
  /** One level of indentation: "  ", "    " or a tab. */
  unit: string;
}

export function detectLayout(doc: XmlDocument): ConfigLayout {
  const { text, root } = doc;
  const rootIndent = indentOfLineAt(text, root.start);
  const firstIndented = [...root.children, ...root.comments]
    .sort((a, b) => a.start - b.start)
    .find(
      (node) => startsLine(text, node.start) && indentOfLineAt(text, node.start).length > rootIndent.length,
    );
  const childIndent = firstIndented === undefined ? '' : indentOfLineAt(text, firstIndented.start);
  const unit = childIndent.startsWith(rootIndent) ? childIndent.slice(rootIndent.length) : '';
  return { eol: dominantLineEnding(text), unit: unit === '' ? '  ' : unit };
}

/**
 * The indentation of the container's children: the most common one among those on their own line
 * (a stray line indented differently does not win), else one level deeper than the container.
 */
function childIndentOf(doc: XmlDocument, container: XmlElement, layout: ConfigLayout): string {
  const { text } = doc;
  const onOwnLine = (node: { start: number }) => startsLine(text, node.start);
  const elements = container.children.filter(onOwnLine);
  const siblings = elements.length > 0 ? elements : container.comments.filter(onOwnLine);
  const counts = new Map<string, number>();
  let best: string | null = null;
  for (const sibling of siblings) {
    const indent = indentOfLineAt(text, sibling.start);
    const count = (counts.get(indent) ?? 0) + 1;
    counts.set(indent, count);
    // Ties go to the later sibling: the end of the section is where the new lines go.
    if (best === null || count >= (counts.get(best) ?? 0)) best = indent;
  }
  return best ?? indentOfLineAt(text, container.start) + layout.unit;
}

/** `" />"` or `"/>"`, as the container's last self-closing child writes it, else the file's first one. */
export function selfClosingStyle(doc: XmlDocument, container: XmlElement | null): string {
  const styleOf = (element: XmlElement) =>
    /\s/.test(doc.text.slice(element.attributesEnd, element.startTagEnd)) ? ' />' : '/>';
  const sibling = container?.children.filter((child) => child.selfClosing).at(-1);
  if (sibling !== undefined) return styleOf(sibling);
  const pending = [doc.root];
  for (let element = pending.pop(); element !== undefined; element = pending.pop()) {
    if (element.selfClosing) return styleOf(element);
    pending.push(...[...element.children].reverse());
  }
  return ' />';
}

/**
 * The splice that adds lines as the last children of `container`: before its end tag, on lines of
 * their own, indented like the siblings. A self-closing container is opened and closed around them.
 */
export function appendLinesSplice(
  doc: XmlDocument,
  container: XmlElement,
  lines: readonly BlockLine[],
  layout: ConfigLayout,
): TextSplice {
  const { text } = doc;
  const { eol } = layout;
  const ownIndent = indentOfLineAt(text, container.start);
  const indent = childIndentOf(doc, container, layout);
  // Nested lines step by the same amount the siblings step in from the container.
  const step = indent.startsWith(ownIndent) ? indent.slice(ownIndent.length) : '';
  const unit = step === '' ? layout.unit : step;
  const block = lines.map((line) => indent + unit.repeat(line.depth) + line.text).join(eol);
  if (container.selfClosing) {
    return {
      start: container.attributesEnd,
      end: container.startTagEnd,
      text: `>${eol}${block}${eol}${ownIndent}</${container.name}>`,
    };
  }
  if (startsLine(text, container.endTagStart)) {
    const at = lineStartOf(text, container.endTagStart);
    return { start: at, end: at, text: block + eol };
  }
  return {
    start: container.endTagStart,
    end: container.endTagStart,
    text: `${eol}${block}${eol}${ownIndent}`,
  };
}

/** Removes an element with its whole line when it stands alone on it, else just the element. */
export function removeElementSplice(doc: XmlDocument, element: XmlElement): TextSplice {
  const { text } = doc;
  const newline = text.indexOf('\n', element.end);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const rest = text.slice(element.end, lineEnd);
  if (startsLine(text, element.start) && /^[ \t]*\r?\n?$/.test(rest)) {
    return { start: lineStartOf(text, element.start), end: lineEnd, text: '' };
  }
  return { start: element.start, end: element.end, text: '' };
}

/** Applies non-overlapping splices given in offsets of `text`. */
export function applySplices(text: string, splices: readonly TextSplice[]): string {
  const ordered = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const splice of ordered) {
    if (splice.start < cursor) throw new Error('overlapping splices');
    out += text.slice(cursor, splice.start) + splice.text;
    cursor = splice.end;
  }
  return out + text.slice(cursor);
}
