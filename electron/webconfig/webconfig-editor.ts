import { sameModuleType } from '../../shared/integrations/module-type';
import { hasControlCharacter } from '../../shared/integrations/setting-validators';
import { readCollection, type CollectionState } from './collection-entries';
import { configurationOf, locateAppSettings, locateModules } from './config-sections';
import {
  appendLinesSplice,
  applySplices,
  detectLayout,
  removeElementSplice,
  selfClosingStyle,
  type BlockLine,
  type ConfigLayout,
  type TextSplice,
} from './config-layout';
import type { SemanticElement, SemanticOperation } from './semantic-model';
import { proveSemanticChange } from './semantic-proof';
import { WebConfigRefusal } from './webconfig-refusal';
import type { WebConfigChange, WebConfigEdit, WebConfigOperation } from './webconfig-operations';
import { readWebConfig } from './webconfig-reader';
import { escapeAttributeValue, renderAttribute } from './xml-escape';
import { elementPath, findAttribute, type XmlDocument, type XmlElement } from './xml-scanner';

/**
 * Plans a surgical edit: the output is the input plus the minimal splices. The result is read
 * again, proved to differ only by the intended change, and planned again to prove a second
 * apply would change nothing. Text in, text out: the caller reads and writes the bytes.
 */
export function planWebConfigEdit(text: string, operations: readonly WebConfigOperation[]): WebConfigEdit {
  return planWebConfigDocument(readWebConfig(text), operations).edit;
}

export interface PlannedDocuments {
  edit: WebConfigEdit;
  before: XmlDocument;
  /** The edited text, read again (the same document as `before` when nothing changes). */
  after: XmlDocument;
}

/** The same on a document already read, returning the documents so callers need not read them again. */
export function planWebConfigDocument(
  doc: XmlDocument,
  operations: readonly WebConfigOperation[],
): PlannedDocuments {
  checkOperations(operations);
  const text = doc.text;
  const draft = new Draft(doc).run(operations);
  if (draft.changes.length === 0) {
    return { edit: { before: text, after: text, splices: [], changes: [] }, before: doc, after: doc };
  }
  const after = applySplices(text, draft.splices);
  proveSemanticChange(text, after, draft.semantic);
  const afterDoc = readWebConfig(after);
  if (new Draft(afterDoc).run(operations).changes.length > 0) {
    throw new WebConfigRefusal(
      'not-idempotent',
      'a second apply would change the file again; nothing was written',
    );
  }
  const splices = [...draft.splices].sort((a, b) => a.start - b.start || a.end - b.end);
  return { edit: { before: text, after, splices, changes: draft.changes }, before: doc, after: afterDoc };
}

// Callers validate values first; this guards the editor itself against input it cannot write faithfully.
function checkOperations(operations: readonly WebConfigOperation[]): void {
  const seen = new Set<string>();
  for (const operation of operations) {
    const [id, texts] =
      operation.kind === 'ensure-module'
        ? [operation.name, [operation.name, operation.type]]
        : [
            operation.key,
            operation.kind === 'ensure-app-setting' ? [operation.key, operation.value] : [operation.key],
          ];
    if (id === '') throw new WebConfigRefusal('invalid-operation', 'an empty key or module name');
    if (texts.some(hasControlCharacter)) {
      throw new WebConfigRefusal(
        'invalid-operation',
        `${id}: a value with a line break or control character`,
      );
    }
    const scope = `${operation.kind === 'ensure-module' ? 'module' : 'key'}:${id.toLowerCase()}`;
    if (seen.has(scope)) throw new WebConfigRefusal('invalid-operation', `${id} is changed more than once`);
    seen.add(scope);
  }
}

type CreatedSection = 'appSettings' | 'system.webServer' | 'modules';

type AppendItem =
  | { kind: 'element'; text: string; semantic: SemanticElement }
  | { kind: 'moved'; text: string; source: XmlElement }
  | { kind: 'section'; name: string; items: AppendItem[] };

function addElement(attributes: Record<string, string>): SemanticElement {
  return { kind: 'element', name: 'add', attributes, children: [] };
}

function sectionSemantics(name: string, items: readonly AppendItem[]): SemanticElement {
  const children = items.map((item) => {
    if (item.kind === 'element') return item.semantic;
    if (item.kind === 'section') return sectionSemantics(item.name, item.items);
    throw new Error('a moved element cannot go into a new section');
  });
  return { kind: 'element', name, attributes: {}, children };
}

function sectionLines(items: readonly AppendItem[], depth: number): BlockLine[] {
  return items.flatMap((item) =>
    item.kind === 'section'
      ? [
          { depth, text: `<${item.name}>` },
          ...sectionLines(item.items, depth + 1),
          { depth, text: `</${item.name}>` },
        ]
      : [{ depth, text: item.text }],
  );
}

/** Works out the splices and semantic operations for one reading of the file. */
class Draft {
  readonly splices: TextSplice[] = [];
  readonly semantic: SemanticOperation[] = [];
  readonly changes: WebConfigChange[] = [];
  private readonly appends = new Map<XmlElement, AppendItem[]>();
  private readonly layout: ConfigLayout;
  private appSettingsItems: AppendItem[] | null = null;
  private modulesItems: AppendItem[] | null = null;

  constructor(private readonly doc: XmlDocument) {
    configurationOf(doc);
    this.layout = detectLayout(doc);
  }

  run(operations: readonly WebConfigOperation[]): this {
    for (const operation of operations) {
      switch (operation.kind) {
        case 'ensure-app-setting':
          this.ensureAppSetting(operation.key, operation.value);
          break;
        case 'remove-app-setting':
          this.removeAppSetting(operation.key);
          break;
        case 'ensure-module':
          this.ensureModule(operation.name, operation.type);
          break;
      }
    }
    for (const [container, items] of this.appends) this.flushAppends(container, items);
    return this;
  }

  private ensureAppSetting(key: string, value: string): void {
    const section = locateAppSettings(this.doc);
    const entry = section === null ? undefined : this.entryOf(readCollection(section, 'key'), section, key);
    if (entry !== undefined) {
      const current = findAttribute(entry, 'value');
      if (current?.value === value) return;
      this.setAttribute(entry, 'value', value);
      this.changes.push({ kind: 'app-setting-updated', key, from: current?.value ?? null, to: value });
      return;
    }
    const style = selfClosingStyle(this.doc, section);
    const text = `<add ${renderAttribute('key', key)} ${renderAttribute('value', value)}${style}`;
    this.appSettingsTarget(section).push({ kind: 'element', text, semantic: addElement({ key, value }) });
    this.changes.push({ kind: 'app-setting-added', key, value });
  }

  private removeAppSetting(key: string): void {
    const section = locateAppSettings(this.doc);
    const entry = section === null ? undefined : this.entryOf(readCollection(section, 'key'), section, key);
    if (entry === undefined) return;
    this.splices.push(removeElementSplice(this.doc, entry));
    this.semantic.push({ kind: 'remove-child', path: elementPath(entry), element: entry.name });
    this.changes.push({
      kind: 'app-setting-removed',
      key,
      from: findAttribute(entry, 'value')?.value ?? null,
    });
  }

  private ensureModule(name: string, type: string): void {
    const { systemWebServer, modules } = locateModules(this.doc);
    const state = modules === null ? null : readCollection(modules, 'name');
    const entry = modules === null || state === null ? undefined : this.entryOf(state, modules, name);
    if (modules !== null && state !== null && entry !== undefined) {
      const current = findAttribute(entry, 'type');
      const typeOk = current !== undefined && sameModuleType(current.value, type);
      const isLast = state.entries.at(-1)?.element === entry;
      if (typeOk && isLast) return;
      if (!typeOk) {
        this.changes.push({ kind: 'module-type-updated', name, from: current?.value ?? null, to: type });
        this.semantic.push({
          kind: 'set-attribute',
          path: elementPath(entry),
          element: 'add',
          name: 'type',
          value: type,
        });
      }
      if (isLast) {
        this.splices.push(this.attributeSplice(entry, 'type', type));
        return;
      }
      // The vendor wants the module last: move the element's own bytes, with the type fixed if needed.
      let raw = this.doc.text.slice(entry.start, entry.end);
      if (!typeOk) {
        const fix = this.attributeSplice(entry, 'type', type);
        raw = raw.slice(0, fix.start - entry.start) + fix.text + raw.slice(fix.end - entry.start);
      }
      this.splices.push(removeElementSplice(this.doc, entry));
      this.itemsOf(modules).push({ kind: 'moved', text: raw, source: entry });
      this.changes.push({ kind: 'module-moved-to-end', name });
      return;
    }
    const style = selfClosingStyle(this.doc, modules);
    const text = `<add ${renderAttribute('name', name)} ${renderAttribute('type', type)}${style}`;
    this.modulesTarget(systemWebServer, modules).push({
      kind: 'element',
      text,
      semantic: addElement({ name, type }),
    });
    this.changes.push({ kind: 'module-added', name, type });
  }

  /** The effective `<add>` for the key; several adds of it in effect are refused with their lines. */
  private entryOf(state: CollectionState, container: XmlElement, key: string): XmlElement | undefined {
    const duplicates = state.duplicatesOf(key);
    if (duplicates.length > 0) {
      const lines = duplicates.map((element) => this.doc.lines.lineOf(element.start));
      const where = container.name === 'modules' ? 'system.webServer/modules' : container.name;
      throw new WebConfigRefusal(
        'duplicate',
        `${key} is added ${duplicates.length} times in ${where} (lines ${lines.join(', ')}); remove the extra entries by hand first`,
        this.doc.lines.positionOf(duplicates[1]?.start ?? container.start),
      );
    }
    return state.find(key)?.element;
  }

  private attributeSplice(element: XmlElement, name: string, value: string): TextSplice {
    const attribute = findAttribute(element, name);
    if (attribute !== undefined) {
      return {
        start: attribute.valueStart,
        end: attribute.valueEnd,
        text: escapeAttributeValue(value, attribute.quote),
      };
    }
    return {
      start: element.attributesEnd,
      end: element.attributesEnd,
      text: ` ${renderAttribute(name, value)}`,
    };
  }

  private setAttribute(element: XmlElement, name: string, value: string): void {
    this.splices.push(this.attributeSplice(element, name, value));
    this.semantic.push({
      kind: 'set-attribute',
      path: elementPath(element),
      element: element.name,
      name,
      value,
    });
  }

  private itemsOf(container: XmlElement): AppendItem[] {
    let items = this.appends.get(container);
    if (items === undefined) {
      items = [];
      this.appends.set(container, items);
    }
    return items;
  }

  private newSection(parentItems: AppendItem[], name: CreatedSection, parent: string): AppendItem[] {
    const section: AppendItem = { kind: 'section', name, items: [] };
    parentItems.push(section);
    this.changes.push({ kind: 'section-created', section: name, parent });
    return section.items;
  }

  private appSettingsTarget(section: XmlElement | null): AppendItem[] {
    this.appSettingsItems ??=
      section !== null
        ? this.itemsOf(section)
        : this.newSection(this.itemsOf(this.doc.root), 'appSettings', 'configuration');
    return this.appSettingsItems;
  }

  private modulesTarget(systemWebServer: XmlElement | null, modules: XmlElement | null): AppendItem[] {
    if (this.modulesItems !== null) return this.modulesItems;
    if (modules !== null) this.modulesItems = this.itemsOf(modules);
    else if (systemWebServer !== null) {
      this.modulesItems = this.newSection(this.itemsOf(systemWebServer), 'modules', 'system.webServer');
    } else {
      const server = this.newSection(this.itemsOf(this.doc.root), 'system.webServer', 'configuration');
      this.modulesItems = this.newSection(server, 'modules', 'system.webServer');
    }
    return this.modulesItems;
  }

  private flushAppends(container: XmlElement, items: readonly AppendItem[]): void {
    this.splices.push(appendLinesSplice(this.doc, container, sectionLines(items, 0), this.layout));
    const path = elementPath(container);
    // In the order the lines are written, so the semantic tree gets the same child order.
    for (const item of items) {
      if (item.kind === 'moved') {
        this.semantic.push({
          kind: 'move-to-end',
          path: elementPath(item.source),
          element: item.source.name,
        });
        continue;
      }
      const child = item.kind === 'element' ? item.semantic : sectionSemantics(item.name, item.items);
      this.semantic.push({ kind: 'append-child', path, element: container.name, child });
    }
  }
}
