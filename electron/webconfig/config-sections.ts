import { attributeValue, childElements, type XmlDocument, type XmlElement } from './xml-scanner';
import { WebConfigRefusal } from './webconfig-refusal';

/** A `<location>` with no path (or "." / "") configures the application itself, like the front-end OWA file's. */
function appliesToApplication(location: XmlElement): boolean {
  const path = attributeValue(location, 'path');
  return path === undefined || path.trim() === '' || path.trim() === '.';
}

/** The configuration root; anything else is not a .NET configuration file. */
export function configurationOf(doc: XmlDocument): XmlElement {
  if (doc.root.name !== 'configuration') {
    throw new WebConfigRefusal(
      'unsupported',
      `the root element is <${doc.root.name}>, not <configuration>: this is not a web.config file`,
      doc.lines.positionOf(doc.root.start),
    );
  }
  return doc.root;
}

/** Sections named `name` that apply to the application: directly under configuration or in a path-less location. */
function effectiveCandidates(doc: XmlDocument, name: string): XmlElement[] {
  const configuration = configurationOf(doc);
  return configuration.children.flatMap((child) => {
    if (child.name === name) return [child];
    if (child.name === 'location' && appliesToApplication(child)) return childElements(child, name);
    return [];
  });
}

function lineList(doc: XmlDocument, elements: readonly XmlElement[]): string {
  return elements.map((element) => doc.lines.lineOf(element.start)).join(', ');
}

function refuseExternalSource(doc: XmlDocument, section: XmlElement, label: string): void {
  for (const attribute of ['configSource', 'file']) {
    const source = attributeValue(section, attribute);
    if (source === undefined) continue;
    throw new WebConfigRefusal(
      'external-source',
      `${label} at line ${doc.lines.lineOf(section.start)} keeps its entries in ${attribute}="${source}": ` +
        `ExReady edits web.config only; edit that file instead, or move the entries into web.config`,
      doc.lines.positionOf(section.start),
    );
  }
}

/** The appSettings the application reads, or null when the file has none. */
export function locateAppSettings(doc: XmlDocument): XmlElement | null {
  const candidates = effectiveCandidates(doc, 'appSettings');
  if (candidates.length > 1) {
    throw new WebConfigRefusal(
      'ambiguous',
      `appSettings appears ${candidates.length} times for the application (lines ${lineList(doc, candidates)}); merge them by hand first`,
      doc.lines.positionOf(candidates[1]?.start ?? 0),
    );
  }
  const section = candidates[0] ?? null;
  if (section !== null) refuseExternalSource(doc, section, '<appSettings>');
  return section;
}

export interface ModulesLocation {
  systemWebServer: XmlElement | null;
  modules: XmlElement | null;
}

/**
 * The system.webServer/modules the application uses. In the Exchange front-end files it sits in
 * `<location inheritInChildApplications="false">`; a second system.webServer is never created.
 */
export function locateModules(doc: XmlDocument): ModulesLocation {
  const servers = effectiveCandidates(doc, 'system.webServer');
  for (const server of servers) {
    const modules = childElements(server, 'modules');
    if (modules.length > 1) {
      throw new WebConfigRefusal(
        'ambiguous',
        `system.webServer at line ${doc.lines.lineOf(server.start)} has ${modules.length} <modules> sections (lines ${lineList(doc, modules)})`,
        doc.lines.positionOf(modules[1]?.start ?? 0),
      );
    }
  }
  const withModules = servers.filter((server) => childElements(server, 'modules').length > 0);
  if (withModules.length > 1) {
    throw new WebConfigRefusal(
      'ambiguous',
      `several system.webServer sections with <modules> apply to the application (lines ${lineList(doc, withModules)})`,
      doc.lines.positionOf(withModules[1]?.start ?? 0),
    );
  }
  const server = withModules[0];
  if (server !== undefined) {
    const modules = childElements(server, 'modules')[0] ?? null;
    if (modules !== null) refuseExternalSource(doc, modules, '<modules>');
    return { systemWebServer: server, modules };
  }
  if (servers.length > 1) {
    throw new WebConfigRefusal(
      'ambiguous',
      `several system.webServer sections apply to the application (lines ${lineList(doc, servers)}) and none has <modules>; add it to one of them by hand`,
      doc.lines.positionOf(servers[1]?.start ?? 0),
    );
  }
  return { systemWebServer: servers[0] ?? null, modules: null };
}
