import { XMLParser } from 'fast-xml-parser';

/** The document as configuration readers see it: elements, attributes and text; no comments or layout. */
export interface SemanticElement {
  kind: 'element';
  name: string;
  attributes: Record<string, string>;
  children: SemanticNode[];
}
export type SemanticNode = SemanticElement | { kind: 'text'; text: string };

/** A change stated on the semantic tree; element paths are indices among element children from the root. */
export type SemanticOperation =
  | { kind: 'set-attribute'; path: readonly number[]; element: string; name: string; value: string }
  | { kind: 'append-child'; path: readonly number[]; element: string; child: SemanticElement }
  | { kind: 'remove-child'; path: readonly number[]; element: string }
  | { kind: 'move-to-end'; path: readonly number[]; element: string };

const attributePrefix = '@_';

// A second, independent parser: the proof must not rest on the scanner that planned the edit.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: attributePrefix,
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
});

type ParsedItem = Record<string, unknown>;

function isItemList(value: unknown): value is ParsedItem[] {
  return Array.isArray(value);
}

function toNodes(items: ParsedItem[]): SemanticNode[] {
  const nodes: SemanticNode[] = [];
  for (const item of items) {
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@') continue;
      if (key === '#text') {
        // Indentation and line breaks between elements carry no meaning in configuration.
        const text = String(value).trim();
        if (text !== '') nodes.push({ kind: 'text', text });
        continue;
      }
      if (!isItemList(value)) continue;
      const attributes: Record<string, string> = {};
      const rawAttributes = item[':@'];
      if (typeof rawAttributes === 'object' && rawAttributes !== null) {
        for (const [name, attributeValue] of Object.entries(rawAttributes)) {
          attributes[name.slice(attributePrefix.length)] = String(attributeValue);
        }
      }
      nodes.push({ kind: 'element', name: key, attributes, children: toNodes(value) });
    }
  }
  return nodes;
}

/** Parses with fast-xml-parser and returns the root element. */
export function parseSemantic(text: string): SemanticElement {
  const parsed: unknown = parser.parse(text);
  const roots = isItemList(parsed) ? toNodes(parsed).filter((node) => node.kind === 'element') : [];
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) throw new Error('expected exactly one root element');
  return root;
}

function elementChildren(element: SemanticElement): SemanticElement[] {
  return element.children.filter((node): node is SemanticElement => node.kind === 'element');
}

function resolve(root: SemanticElement, path: readonly number[], expected: string | null): SemanticElement {
  let node = root;
  for (const index of path) {
    const next = elementChildren(node)[index];
    if (next === undefined) throw new Error(`no element at ${path.join('/')}`);
    node = next;
  }
  if (expected !== null && node.name !== expected)
    throw new Error(`expected <${expected}> at ${path.join('/')}, found <${node.name}>`);
  return node;
}

/**
 * Applies the intended changes to a copy of the tree, in order. Every path is resolved against the
 * original tree before anything moves, so a path always means what it meant in the file as read.
 */
export function applySemanticOperations(
  root: SemanticElement,
  operations: readonly SemanticOperation[],
): SemanticElement {
  const copy = structuredClone(root);
  const parentOf = (path: readonly number[]): SemanticElement => resolve(copy, path.slice(0, -1), null);
  const targets = operations.map((operation) => ({
    operation,
    node: resolve(copy, operation.path, operation.element),
    parent: operation.path.length > 0 ? parentOf(operation.path) : null,
  }));
  for (const { operation, node, parent } of targets) {
    switch (operation.kind) {
      case 'set-attribute':
        node.attributes[operation.name] = operation.value;
        break;
      case 'append-child':
        node.children.push(structuredClone(operation.child));
        break;
      case 'remove-child':
      case 'move-to-end': {
        if (parent === null) throw new Error('the root element cannot be removed or moved');
        parent.children.splice(parent.children.indexOf(node), 1);
        if (operation.kind === 'move-to-end') parent.children.push(node);
        break;
      }
    }
  }
  return copy;
}

/** Deep equality; attribute order carries no meaning in XML. */
export function sameSemantics(a: SemanticNode, b: SemanticNode): boolean {
  if (a.kind === 'text' || b.kind === 'text')
    return a.kind === b.kind && a.kind === 'text' && b.kind === 'text' && a.text === b.text;
  if (a.name !== b.name || a.children.length !== b.children.length) return false;
  const aNames = Object.keys(a.attributes).sort();
  const bNames = Object.keys(b.attributes).sort();
  if (aNames.length !== bNames.length) return false;
  if (aNames.some((name, i) => name !== bNames[i] || a.attributes[name] !== b.attributes[name])) return false;
  return a.children.every((child, i) => {
    const other = b.children[i];
    return other !== undefined && sameSemantics(child, other);
  });
}

/** A human description of the first difference, for the refusal message. */
export function firstDifference(a: SemanticNode, b: SemanticNode, where = ''): string | null {
  if (a.kind === 'text' || b.kind === 'text')
    return sameSemantics(a, b) ? null : `text differs at ${where || '/'}`;
  const here = `${where}/${a.name}`;
  if (a.name !== b.name) return `<${a.name}> became <${b.name}> at ${where || '/'}`;
  for (const name of new Set([...Object.keys(a.attributes), ...Object.keys(b.attributes)])) {
    if (a.attributes[name] !== b.attributes[name]) return `attribute ${name} differs at ${here}`;
  }
  const length = Math.max(a.children.length, b.children.length);
  for (let i = 0; i < length; i++) {
    const left = a.children[i];
    const right = b.children[i];
    if (left === undefined || right === undefined) return `child count differs at ${here}`;
    const inner = firstDifference(left, right, here);
    if (inner !== null) return inner;
  }
  return null;
}
