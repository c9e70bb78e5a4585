import { attributeValue, type XmlElement } from './xml-scanner';

export interface CollectionEntry {
  /** The key as written in the file. */
  key: string;
  element: XmlElement;
}

/** The entries an add/remove/clear collection ends up with, in order, plus repeated adds. */
export interface CollectionState {
  entries: readonly CollectionEntry[];
  find(key: string): CollectionEntry | undefined;
  /** Every `<add>` of this key while it was already in effect, with the first one. */
  duplicatesOf(key: string): readonly XmlElement[];
}

/**
 * Replays `<add>`, `<remove>` and `<clear/>` in document order, the way ASP.NET and IIS build
 * appSettings and modules. Keys compare case-insensitively, as both do.
 */
export function readCollection(container: XmlElement, keyAttribute: 'key' | 'name'): CollectionState {
  const effective = new Map<string, CollectionEntry>();
  const duplicates = new Map<string, XmlElement[]>();
  for (const child of container.children) {
    if (child.name === 'clear') {
      effective.clear();
      continue;
    }
    const key = attributeValue(child, keyAttribute);
    if (key === undefined) continue;
    const folded = key.toLowerCase();
    if (child.name === 'remove') effective.delete(folded);
    else if (child.name === 'add') {
      const existing = effective.get(folded);
      if (existing === undefined) {
        effective.set(folded, { key, element: child });
        continue;
      }
      const list = duplicates.get(folded) ?? [existing.element];
      list.push(child);
      duplicates.set(folded, list);
    }
  }
  // Map iteration follows insertion order, which is document order of the surviving adds.
  const entries = [...effective.values()];
  return {
    entries,
    find: (key) => effective.get(key.toLowerCase()),
    duplicatesOf: (key) => duplicates.get(key.toLowerCase()) ?? [],
  };
}
