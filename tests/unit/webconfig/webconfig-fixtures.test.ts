import { readdir, readFile, rm } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDesiredSettings, type DesiredSetting } from '../../../shared/integrations/desired-settings';
import type { IntegrationProfile } from '../../../shared/integrations/integration-profile';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { decodeConfig } from '../../../electron/webconfig/config-encoding';
import type { IntegrationRequest } from '../../../electron/webconfig/integration-plan';
import { applyFilePlan, planFile } from '../../../electron/webconfig/local-webconfig-file';
import { planWebConfigEdit } from '../../../electron/webconfig/webconfig-editor';
import { WebConfigRefusal } from '../../../electron/webconfig/webconfig-refusal';
import {
  copyWebconfig,
  makeTempDir,
  readWebconfigFixture,
  toCrlf,
  webconfigFixtureNames,
} from '../../helpers/webconfig-fixtures';

const names = await webconfigFixtureNames();
const now = () => new Date('2026-03-01T09:08:07Z');
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

// Values with every character XML must escape, in a key the file does not have yet.
const inputs = [
  { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/api/?tenant=a&mode=b' },
  { key: 'MONOSIGN_API_KEY', value: 'k<e>y&1' },
  { key: 'MONOSIGN_API_SECRET', value: `s"e'c&r<e>t` },
  { key: 'MONOSIGN_DEBUG_MODE', value: 'true' },
  { key: 'MONOSIGN_LOG_PATH', value: 'C:\\monosign-logs' },
  { key: 'MONOSIGN_USER_EXCEPTIONS', value: 'admin@contoso.com;break.glass@contoso.com' },
];
const extra = [{ key: 'MONOSIGN_USER_SOURCE', value: 'MONOFOR' }];

// The Exchange front end marks its OWA and ECP files; the other fixtures get the profile without that guard.
function appOf(text: string): 'owa' | 'ecp' | null {
  const marker = /key="HttpProxy\.ProtocolType" value="(Owa|Ecp)"/.exec(text)?.[1];
  return marker === 'Owa' ? 'owa' : marker === 'Ecp' ? 'ecp' : null;
}

function requestFor(app: 'owa' | 'ecp' | null): IntegrationRequest {
  const profile: IntegrationProfile =
    app === null
      ? { ...monosignProfile, apps: monosignProfile.apps.map(({ id, title }) => ({ id, title })) }
      : monosignProfile;
  const resolved = resolveDesiredSettings(profile, inputs, extra);
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  return { profile, appId: app ?? 'owa', settings: resolved.settings };
}

interface FlatElement {
  path: string;
  name: string;
  attributes: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Every element in document order with its ancestors and attributes, read by fast-xml-parser. */
function flatten(items: unknown, path: string, out: FlatElement[] = []): FlatElement[] {
  for (const item of items as Record<string, unknown>[]) {
    for (const [name, children] of Object.entries(item)) {
      if (name === ':@' || name === '#text') continue;
      const attributes = Object.entries((item[':@'] ?? {}) as Record<string, string>)
        .map(([key, value]) => `${key}=${value}`)
        .sort()
        .join('|');
      out.push({ path, name, attributes });
      flatten(children, `${path}/${name}`, out);
    }
  }
  return out;
}

/** What `after` has beyond `before`, given that `before` must appear in it unchanged and in order. */
function additions(before: FlatElement[], after: FlatElement[]): FlatElement[] {
  const key = (element: FlatElement) => JSON.stringify(element);
  const extra: FlatElement[] = [];
  let matched = 0;
  for (const element of after) {
    if (matched < before.length && key(before[matched]!) === key(element)) matched++;
    else extra.push(element);
  }
  expect(matched).toBe(before.length);
  return extra;
}

/** Checks bytes around each splice: outside the inserted lines, before and after are identical. */
function expectOnlyInsertedLines(
  before: Buffer,
  after: Buffer,
  text: string,
  splices: readonly { start: number; end: number; text: string }[],
  eol: string,
) {
  const offset = before.subarray(0, 3).equals(bom) ? 3 : 0;
  const byteAt = (charOffset: number) => offset + Buffer.byteLength(text.slice(0, charOffset));
  let beforeCursor = 0;
  let afterCursor = 0;
  for (const splice of splices) {
    expect(splice.end).toBe(splice.start);
    expect(text[splice.start - 1]).toBe('\n');
    expect(splice.text.endsWith(eol)).toBe(true);
    expect(
      splice.text
        .split(eol)
        .slice(0, -1)
        .every((line) => !line.includes('\n') && !line.includes('\r')),
    ).toBe(true);
    const at = byteAt(splice.start);
    const unchanged = before.subarray(beforeCursor, at);
    expect(after.subarray(afterCursor, afterCursor + unchanged.length).equals(unchanged)).toBe(true);
    afterCursor += unchanged.length;
    const inserted = Buffer.from(splice.text, 'utf8');
    expect(after.subarray(afterCursor, afterCursor + inserted.length).equals(inserted)).toBe(true);
    afterCursor += inserted.length;
    beforeCursor = at;
  }
  expect(after.subarray(afterCursor).equals(before.subarray(beforeCursor))).toBe(true);
}

describe.each([
  ['as published (LF)', (bytes: Buffer) => bytes, '\n'],
  ['with CRLF line endings', toCrlf, '\r\n'],
])('the Monosign profile on every web.config fixture, %s', (_label, variant, eol) => {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each(names)('%s', async (name) => {
    const before = variant(await readWebconfigFixture(name));
    const path = await copyWebconfig(dir, before);
    const { text } = decodeConfig(before);
    const request = requestFor(appOf(text));

    const planned = await planFile(path, request);
    const outcome = await applyFilePlan(planned, now);
    expect(outcome.kind).toBe('applied');
    const after = await readFile(path);

    // Bytes: BOM kept, every byte outside the inserted lines identical, line endings as the file's.
    expect(after.subarray(0, 3).equals(bom)).toBe(before.subarray(0, 3).equals(bom));
    expectOnlyInsertedLines(before, after, text, planned.plan.edit.splices, eol);
    if (eol === '\r\n') expect(after.toString('utf8').replace(/\r\n/g, '')).not.toContain('\n');

    // The result parses, and differs from the original by exactly the intended elements.
    const afterText = decodeConfig(after).text;
    expect(XMLValidator.validate(afterText)).toBe(true);
    const added = additions(flatten(parser.parse(text), ''), flatten(parser.parse(afterText), ''));
    const adds = added.filter((element) => element.name === 'add');
    const sections = added.filter((element) => element.name !== 'add');
    const expectedSettings = request.settings.map(
      (s: DesiredSetting) => `appSettings add key=${s.key}|value=${s.value}`,
    );
    expect(
      adds.map((element) => `${element.path.split('/').at(-1)} add ${element.attributes}`).sort(),
    ).toEqual(
      [...expectedSettings, `modules add name=MonoSignExchange|type=${monosignProfile.module.type}`].sort(),
    );
    expect(sections.map((s) => `${s.path}/${s.name}`)).toEqual(
      name.includes('xdt')
        ? [
            '/configuration/appSettings',
            '/configuration/system.webServer',
            '/configuration/system.webServer/modules',
          ]
        : [],
    );
    const moduleAdd = adds.find((element) => element.attributes.startsWith('name=MonoSignExchange'));
    if (/OWA_web\.config$/.test(name)) {
      // Exchange's OWA files keep modules in <location inheritInChildApplications="false">: that is the one used.
      expect(moduleAdd?.path).toBe('/configuration/location/system.webServer/modules');
    }
    const siblings = flatten(parser.parse(afterText), '').filter(
      (element) => element.path === moduleAdd?.path,
    );
    expect(siblings.at(-1)).toEqual(moduleAdd);

    // A second apply changes nothing.
    const again = await planFile(path, request);
    expect(again.plan.changes).toEqual([]);
    expect(await applyFilePlan(again, now)).toEqual({ kind: 'unchanged' });
    expect((await readFile(path)).equals(after)).toBe(true);
  });
});

describe('web.config fixtures: refusals and updates', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses a malformed file with line and column, writes nothing and makes no backup', async () => {
    const original = await readWebconfigFixture('exchange2016_DefaultWebSite-OWA_web.config');
    const broken = Buffer.from(
      original.toString('utf8').replace('<remove name="Session" />', '<remove name="Session">'),
    );
    const path = await copyWebconfig(dir, broken);
    const error: unknown = await planFile(path, requestFor('owa')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebConfigRefusal);
    expect((error as WebConfigRefusal).position).toEqual({ line: 43, column: 7 });
    expect((error as WebConfigRefusal).message).toContain('line 43, column 7');
    expect((await readFile(path)).equals(broken)).toBe(true);
    expect(await readdir(dir)).toEqual(['web.config']);
  });

  it('escapes &, <, > and quotes in the written values', async () => {
    const path = await copyWebconfig(dir, 'exchange2016_DefaultWebSite-OWA_web.config');
    await applyFilePlan(await planFile(path, requestFor('owa')), now);
    const written = await readFile(path, 'utf8');
    expect(written).toContain(
      '<add key="MONOSIGN_API_URL" value="https://mfa.contoso.com/api/?tenant=a&amp;mode=b" />',
    );
    expect(written).toContain('<add key="MONOSIGN_API_KEY" value="k&lt;e&gt;y&amp;1" />');
    expect(written).toContain(`<add key="MONOSIGN_API_SECRET" value="s&quot;e'c&amp;r&lt;e&gt;t" />`);
  });

  it('updates an existing key by changing only the bytes of its value attribute', async () => {
    const name = 'exchange2016_ExchangeBackEnd-ECP_web.config';
    const before = await readWebconfigFixture(name);
    const { text } = decodeConfig(before);
    const edit = planWebConfigEdit(text, [
      { kind: 'ensure-app-setting', key: 'LogPerformanceData', value: 'true' },
    ]);
    const at =
      text.indexOf('<add key="LogPerformanceData" value="false" />') +
      '<add key="LogPerformanceData" value="'.length;
    expect(edit.splices).toEqual([{ start: at, end: at + 'false'.length, text: 'true' }]);
    expect(edit.after).toBe(`${text.slice(0, at)}true${text.slice(at + 'false'.length)}`);

    // The same through the profile: a second apply with another debug value touches only that value.
    const path = await copyWebconfig(dir, 'exchange2016_DefaultWebSite-ECP_web.config');
    const request = requestFor('ecp');
    await applyFilePlan(await planFile(path, request), now);
    const first = await readFile(path);
    const changed = resolveDesiredSettings(monosignProfile, [{ key: 'MONOSIGN_DEBUG_MODE', value: 'false' }]);
    if (!changed.ok) throw new Error('unexpected');
    const second = await planFile(path, { ...request, settings: changed.settings });
    expect(second.plan.changes).toEqual([
      { kind: 'app-setting-updated', key: 'MONOSIGN_DEBUG_MODE', from: 'true', to: 'false' },
    ]);
    const firstText = first.toString('utf8');
    const valueAt =
      firstText.indexOf('"MONOSIGN_DEBUG_MODE" value="') + '"MONOSIGN_DEBUG_MODE" value="'.length;
    expect(Buffer.from(second.after).toString('utf8')).toBe(
      `${firstText.slice(0, valueAt)}false${firstText.slice(valueAt + 'true'.length)}`,
    );
  });
});
