import { describe, expect, it } from 'vitest';
import { createEventSink } from '../../../electron/ipc/event-sink';
import { createIpcRouter, type InvokeHandlers } from '../../../electron/ipc/router';
import { createInvokeHandlers } from '../../../electron/services/app-services';
import { remotingFixIds as ids } from '../../../shared/checks/remoting-fix-ids';
import { fixCatalogue } from '../../../shared/fixes/fix-catalogue';
import { invokeChannels, type InvokeChannel } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';
import { useTempDirs } from '../../helpers/temp-dir';
import { repoRoot } from '../../helpers/test-router';
import { join } from 'node:path';

// Hostile payloads on every channel of the contract, seeded so a failure replays: each must be refused as
// invalid-request naming the field it broke, quoting at most 200 characters of it, and never crash the router.

const uuid = '2b3c4d5e-0000-4000-8000-000000000001';
const runId = '2026-11-22T10-00-00Z';
const sha = 'ab'.repeat(32);

/** One valid request per channel: the mutations below break exactly one field of it. */
const validRequests: Record<InvokeChannel, unknown> = {
  'app:get-info': undefined,
  'inventory:get': undefined,
  'inventory:add-exchange-servers': { fqdns: ['exch01.contoso.com'] },
  'inventory:remove-exchange-server': { fqdn: 'exch01.contoso.com' },
  'inventory:add-sync-servers': { fqdns: ['sync01.contoso.com'] },
  'inventory:remove-sync-server': { fqdn: 'sync01.contoso.com' },
  'inventory:set-service-account': { account: 'CONTOSO\\svc-sync' },
  'inventory:set-microsoft365': {
    microsoft365: {
      tenant: 'contoso.onmicrosoft.com',
      provisioningAppId: '2b3c4d5e-0000-4000-8000-000000000002',
      federatedDomains: ['contoso.com'],
      idpSignInHost: 'login.idp.example',
    },
  },
  'inventory:set-exchange-online-mail': {
    exchangeOnlineMail: {
      clientId: '2b3c4d5e-0000-4000-8000-000000000003',
      flow: 'delegated',
      mailbox: 'erp@contoso.com',
      account: 'erp@contoso.com',
    },
  },
  'inventory:import-csv': { fileName: 'servers.csv', text: 'fqdn,role\nexch01.contoso.com,exchange\n' },
  'inventory:discover-exchange-servers': { operationId: uuid },
  'environment:probe-powershell': { operationId: uuid },
  'check:run': { operationId: uuid, lab: 'demo', server: 'exch01.contoso.com' },
  'runs:list': undefined,
  'runs:open': { runId },
  'runs:delete': { runId },
  'runs:compare': { before: runId, after: runId },
  'report:export': { runId, format: 'html' },
  'secrets:list': undefined,
  'tenant:sign-in': { tenant: 'contoso.onmicrosoft.com', clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e' },
  'tenant:sign-out': undefined,
  'tenant:sign-in-state': undefined,
  'tenant:check': { source: 'lab', lab: 'demo', case: 'wingtip-unreadable' },
  'tenant:check-ews': {
    source: 'lab',
    lab: 'demo',
    case: 'contoso-erp-app-only-loose',
    exoSettings: null,
    probe: { secret: 'typed-for-the-probe' },
  },
  'tenant:read-exo-settings': { source: 'live', operationId: uuid },
  'tenant:attest': {
    tenant: 'wingtip.onmicrosoft.com',
    checkId: 'm365.sspr',
    attestedBy: 'WINGTIP\\adm-jdoe',
    attestedAt: '2026-12-01T09:30:00Z',
    observed: 'Self service password reset enabled = None',
  },
  'secrets:set': { name: 'MONOSIGN_API_KEY', value: 'k' },
  'mfa:plan': {
    runId,
    server: 'exch01.contoso.com',
    app: 'owa',
    settings: [{ key: 'a', value: 'b' }],
    extra: { key: 'c', value: 'd' },
  },
  'mfa:apply': { planId: uuid, confirmed: true, beforeSha256: sha },
  'mfa:backups': { runId, server: 'exch01.contoso.com', app: 'owa' },
  'mfa:rollback': {
    runId,
    server: 'exch01.contoso.com',
    app: 'owa',
    backup: 'web.config.bak',
    confirmed: true,
  },
  'mfa:deploy-module': { runId, server: 'exch01.contoso.com', app: 'owa', confirmed: true },
  'mfa:recycle': { server: 'exch01.contoso.com', app: 'owa', confirmed: true, lab: 'demo' },
  'fixes:catalogue': undefined,
  'fixes:certificate-candidates': { runId, server: 'exch01.contoso.com' },
  'fixes:preview': {
    fixId: ids.winrmServiceStart,
    server: 'exch01.contoso.com',
    parameters: {},
    lab: 'demo',
  },
  'fixes:undo-preview': { auditId: 1, lab: 'demo' },
  'fixes:apply': { previewId: uuid, confirmed: true, riskAccepted: false },
  'fixes:export': {
    fixes: [{ fixId: ids.winrmServiceStart, server: 'exch01.contoso.com', parameters: {} }],
    riskAccepted: false,
  },
  'prove:connection': {
    operationId: uuid,
    exchangeServer: 'exch02.contoso.com',
    syncServer: 'sync01.contoso.com',
    serviceAccount: 'CONTOSO\\svc-sync',
    password: 'p',
    secondHop: 'http://exch02.contoso.com/PowerShell',
    lab: 'demo',
  },
  'prove:web': { operationId: uuid, server: 'exch02.contoso.com', lab: 'demo' },
  'operation:cancel': { operationId: uuid },
};

/** Fields that hold host names: look-alikes and non-hosts must be refused there. */
const hostFields = /(^|\.)(fqdn|fqdns\.\d+|server|fixes\.\d+\.server)$/;
/** Fields whose type admits anything JSON (fix parameters: their own schemas judge them below). */
const jsonFields = /(^|\.)parameters(\.|$)/;

// Hostile fix parameters, per fix and field: each value is wrong for that field.
const hostileHosts = [
  'localhost',
  'exch 01.contoso.com',
  'exch01.\u212Aontoso.com',
  'ex\u0441h.contoso.com',
  '$(calc).x.com',
  'a;b.com',
  'x'.repeat(300),
  '',
];
const hostileParameters: Record<string, Record<string, unknown[]>> = {
  [ids.httpsListenerCreate]: {
    thumbprint: ['zz', '01'.repeat(21), 42],
    selfSigned: ['yes', 2],
    hostname: hostileHosts,
  },
  [ids.listenerCertificateReplace]: { thumbprint: ['', 'g'.repeat(40), ['01'.repeat(20)]] },
  [ids.cbtHardeningNone]: { level: ['none', 'NONE', 'Lax', 0, null] },
  [ids.serviceAccountAddToRemoteManagementUsers]: {
    account: ['svc', 'CONTOSO\\a"b', 'CONTOSO\\svc|x', 'a'.repeat(300), 7],
  },
  [ids.firewallAllow5986]: {
    remoteAddresses: [
      '10.0.0.256',
      '10.0.0.0/33',
      '1.2.3.4; calc',
      '10.0.0.1-::1',
      'calc.exe',
      [],
      [7],
      '1.2.3.4/255.0.255.0',
    ],
  },
  [ids.trustedHostsAddServer]: {
    syncServer: hostileHosts,
    hosts: ['exch*.contoso.com', '*.', 'a b', '\u212Aexch.contoso.com', [], [{}], '*.c_m'],
    acceptRisk: ['yes', 1],
  },
};
const validParameters: Record<string, Record<string, unknown>> = {
  [ids.httpsListenerCreate]: { selfSigned: true, hostname: 'exch01.contoso.com' },
  [ids.listenerCertificateReplace]: { thumbprint: '01'.repeat(20) },
  [ids.cbtHardeningNone]: { level: 'Relaxed' },
  [ids.serviceAccountAddToRemoteManagementUsers]: { account: 'CONTOSO\\svc-sync' },
  [ids.firewallAllow5986]: { remoteAddresses: ['10.0.0.21'] },
  [ids.trustedHostsAddServer]: { syncServer: 'sync01.contoso.com', hosts: ['exch01.contoso.com'] },
};

/** mulberry32: a small seeded generator, so every run sends the same payloads. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nested(depth: number, array: boolean): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = array ? [value] : { a: value };
  return value;
}

type Path = (string | number)[];

/** Every field path of a value (objects and arrays walked), the root included. */
function fieldPaths(value: unknown, path: Path = []): Path[] {
  const own: Path[] = [path];
  if (typeof value !== 'object' || value === null) return own;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [...own, ...entries.flatMap(([key, item]) => fieldPaths(item, [...path, key]))];
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

function withValue(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withValue(copy[head], rest, replacement);
  return copy;
}

const huge = 'A'.repeat(10 * 1024 * 1024);
const deepObject = nested(10_000, false);
const deepArray = nested(10_000, true);

function wrongTypesFor(sample: unknown): unknown[] {
  const numbers = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  if (typeof sample === 'string') return [42, true, {}, [], ...numbers];
  if (typeof sample === 'number') return ['1', true, 1.5, -1, ...numbers];
  if (typeof sample === 'boolean') return ['true', 1, {}, ...numbers];
  if (Array.isArray(sample)) return ['a', 7, {}];
  if (typeof sample === 'object' && sample !== null) return ['x', 7, [], ...numbers];
  return [7, 'x', {}, [], ...numbers];
}

interface Case {
  channel: string;
  request: unknown;
  /** The field the payload breaks: some issue must name it or a field under it. */
  field: string;
  label: string;
}

const fix = (random: () => number) => fixCatalogue[Math.floor(random() * fixCatalogue.length)]?.id ?? '';

function cases(): Case[] {
  const random = seeded(0x12_2026);
  const out: Case[] = [];
  const add = (channel: string, request: unknown, path: Path, label: string) =>
    out.push({ channel, request, field: path.map(String).join('.'), label });
  for (const channel of invokeChannels) {
    const valid = validRequests[channel];
    for (const path of fieldPaths(valid)) {
      const json = jsonFields.test(path.join('.'));
      const sample = valueAt(valid, path);
      add(channel, withValue(valid, path, deepObject), path, 'object nested 10,000 deep');
      add(channel, withValue(valid, path, deepArray), path, 'array nested 10,000 deep');
      if (typeof sample === 'string' || path.length === 0)
        add(channel, withValue(valid, path, huge), path, '10 MB string');
      if (!json)
        for (const wrong of wrongTypesFor(sample))
          add(channel, withValue(valid, path, wrong), path, `wrong type ${String(wrong)}`);
      if (typeof sample === 'object' && sample !== null && !Array.isArray(sample))
        for (const key of ['__proto__', 'constructor', 'prototype']) {
          const polluted = JSON.parse(`{"${key}": {"polluted": true}}`) as Record<string, unknown>;
          add(channel, withValue(valid, path, { ...sample, ...polluted }), [...path, key], `key ${key}`);
        }
      if (hostFields.test(path.join('.')))
        for (const host of hostileHosts)
          add(channel, withValue(valid, path, host), path, `host ${host.slice(0, 40)}`);
    }
  }
  // Fix parameters, per fix and field, through the preview (window and lab) and the export.
  for (const fix of fixCatalogue) {
    const good = validParameters[fix.id] ?? {};
    const hostile = { ...(hostileParameters[fix.id] ?? {}), unknownParameter: ['x'] };
    for (const [name, values] of Object.entries(hostile))
      for (const value of values) {
        const parameters = { ...good, [name]: value };
        const lab = random() < 0.5 ? 'demo' : null;
        const preview = { fixId: fix.id, server: 'exch01.contoso.com', parameters, lab };
        add(
          'fixes:preview',
          preview,
          ['parameters', name],
          `${fix.id} ${name}=${JSON.stringify(value).slice(0, 40)}`,
        );
        const exported = {
          fixes: [
            { fixId: ids.winrmServiceStart, server: 'exch01.contoso.com', parameters: {} },
            { ...preview, lab: undefined },
          ],
        };
        add('fixes:export', exported, ['fixes', 1, 'parameters', name], `export ${fix.id} ${name}`);
      }
  }
  // Fix ids no catalogue holds.
  for (const fixId of [
    'no.such.fix',
    '__proto__',
    'toString',
    'WINRM.SERVICE.START-AUTOMATIC',
    'x'.repeat(100),
  ]) {
    add(
      'fixes:preview',
      { fixId, server: 'exch01.contoso.com', parameters: {}, lab: 'demo' },
      ['fixId'],
      `fix id ${fixId.slice(0, 30)}`,
    );
    add(
      'fixes:export',
      { fixes: [{ fixId, server: 'exch01.contoso.com', parameters: {} }] },
      ['fixes', 0, 'fixId'],
      `export fix id ${fixId.slice(0, 30)}`,
    );
  }
  // Seeded: a hostile key at a random depth (up to 24) inside fix parameters, which take any JSON.
  for (let n = 0; n < 200; n += 1) {
    const depth = 1 + Math.floor(random() * 24);
    const key = ['__proto__', 'constructor', 'prototype'][Math.floor(random() * 3)] ?? '__proto__';
    let value: unknown = JSON.parse(`{"${key}": {"polluted": true}}`);
    const path: Path = ['parameters'];
    for (let i = 0; i < depth; i += 1) {
      const name = `k${Math.floor(random() * 1000)}`;
      value = { [name]: value };
    }
    let node = value as Record<string, unknown>;
    for (let i = 0; i < depth; i += 1) {
      const name = Object.keys(node)[0] ?? '';
      path.push(name);
      node = node[name] as Record<string, unknown>;
    }
    const request = { fixId: fix(random), server: 'exch01.contoso.com', parameters: value, lab: null };
    add('fixes:preview', request, [...path, key], `hostile key at depth ${depth}`);
  }
  // Unknown channels, one of them huge.
  out.push({
    channel: 'x'.repeat(100_000),
    request: undefined,
    field: '(channel)',
    label: 'huge channel name',
  });
  out.push({ channel: '__proto__', request: undefined, field: '(channel)', label: 'prototype channel' });
  return out;
}

// Handlers that would reach a PowerShell or a server answer "stubbed": a payload reaching them was accepted.
const reachingOut: readonly InvokeChannel[] = [
  'inventory:discover-exchange-servers',
  'environment:probe-powershell',
  'check:run',
  'mfa:apply',
  'mfa:rollback',
  'mfa:deploy-module',
  'mfa:recycle',
  'fixes:apply',
];

describe('IPC fuzz: hostile payloads on every channel', () => {
  const tempDir = useTempDirs('ipc-fuzz');

  it('refuses every one as invalid-request naming its field, quoting at most 200 characters, with 0 crashes', async () => {
    const dir = await tempDir();
    const real = createInvokeHandlers({
      userDataDir: dir,
      logDirectory: join(dir, 'logs'),
      version: '9.9.9-test',
      platform: 'win32',
      scriptsDir: join(repoRoot, 'resources', 'powershell'),
      powershellCandidates: [],
      now: () => new Date('2026-11-22T10:00:00Z'),
      resolveHost: () => Promise.reject(new Error('no DNS in tests')),
    });
    const handlers = { ...real } as Record<string, unknown>;
    for (const channel of reachingOut) handlers[channel] = () => Promise.reject(new Error('stubbed'));
    const logged: string[] = [];
    const router = createIpcRouter({
      handlers: handlers as InvokeHandlers,
      events: createEventSink(() => undefined),
      logger: {
        warn: (message, meta) => logged.push(`${message} ${JSON.stringify(meta)}`),
        error: (message, meta) => logged.push(`${message} ${JSON.stringify(meta)}`),
      },
    });
    const all = cases();
    const crashes: string[] = [];
    const accepted: string[] = [];
    const unnamed: string[] = [];
    const echoing: string[] = [];
    const started = Date.now();
    for (const item of all) {
      const name = `${item.channel.slice(0, 40)} ${item.field} ${item.label}`;
      let result: IpcResult;
      try {
        result = await router.invoke(item.channel, item.request);
      } catch (error) {
        crashes.push(`${name}: ${String(error).slice(0, 200)}`);
        continue;
      }
      if (result.ok) {
        accepted.push(name);
        continue;
      }
      const { error } = result;
      if (item.field === '(channel)') {
        if (error.code !== 'unknown-channel') accepted.push(name);
      } else if (error.code !== 'invalid-request') {
        accepted.push(`${name}: ${error.code} ${error.message.slice(0, 200)}`);
        continue;
      } else {
        const names = (error.issues ?? []).some(
          (issue) =>
            item.field === '' ||
            issue.path === item.field ||
            issue.path.startsWith(`${item.field}.`) ||
            // A strict object names the unknown key's parent; the key is in the message.
            (issue.message.includes(item.field.split('.').pop() ?? '') && item.field.startsWith(issue.path)),
        );
        if (!names) unnamed.push(`${name}: ${JSON.stringify(error.issues).slice(0, 300)}`);
      }
      const texts = [error.message, ...(error.issues ?? []).map((issue) => issue.message)];
      if (
        texts.some(
          (text) => text.includes('A'.repeat(201)) || text.includes('x'.repeat(201)) || text.length > 2100,
        )
      )
        echoing.push(name);
    }
    const elapsed = Date.now() - started;
    expect({ crashes, accepted, unnamed, echoing }).toEqual({
      crashes: [],
      accepted: [],
      unnamed: [],
      echoing: [],
    });
    expect(all.length).toBeGreaterThan(1400);
    expect(logged.filter((line) => line.length > 6000)).toEqual([]);
    expect(elapsed).toBeLessThan(60_000);
    // Nothing polluted a prototype on the way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 90_000);

  it('still accepts the valid request of every channel past validation (the fuzz breaks one field at a time)', async () => {
    const dir = await tempDir();
    const router = createIpcRouter({
      handlers: Object.fromEntries(
        invokeChannels.map((channel) => [channel, () => Promise.reject(new Error('reached'))]),
      ) as unknown as InvokeHandlers,
      events: createEventSink(() => undefined),
      logger: { warn: () => undefined, error: () => undefined },
    });
    for (const channel of invokeChannels) {
      if (channel === 'operation:cancel') continue;
      const result = await router.invoke(channel, validRequests[channel]);
      expect(result, `${channel} in ${dir}`).toMatchObject({
        ok: false,
        error: { code: 'failed', message: 'reached' },
      });
    }
  });
});
