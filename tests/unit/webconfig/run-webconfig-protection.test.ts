import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evaluateSavedFacts } from '../../../electron/checks/evaluate-estate';
import { demoMfaSecrets } from '../../../electron/lab/demo-mfa';
import {
  protectRunSecrets,
  revealWebConfigs,
  SealedWebConfigError,
} from '../../../electron/webconfig/run-webconfig-protection';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';
import type { SavedRun } from '../../../shared/runs/run-records';
import { demoRun } from '../../helpers/demo-run';

type App = Extract<
  NonNullable<CollectedServerFacts['mfa']>,
  { status: 'collected' }
>['value']['apps'][number];

const collectedServers = (run: SavedRun) =>
  run.savedFacts.servers.filter((server): server is CollectedServerFacts => server.status === 'collected');

const apps = (server: CollectedServerFacts): App[] =>
  server.mfa?.status === 'collected' ? server.mfa.value.apps : [];

const text = (app: App) =>
  app.webConfig.status === 'collected'
    ? Buffer.from(app.webConfig.value.base64, 'base64').toString('utf8')
    : '';

const secretValueOf = (config: string) => /key="MONOSIGN_API_SECRET" value="([^"]*)"/.exec(config)?.[1];

describe('web.config secrets in saved runs', () => {
  it('keeps no secret value, only keyed hashes; the server hash stays for the write check', async () => {
    const run = await demoRun();
    const protectedRun = protectRunSecrets(run, randomBytes(32));
    const json = JSON.stringify(protectedRun);
    const decoded = [...json.matchAll(/"(?:base64|sealed)":"([^"]+)"/g)].map((m) =>
      Buffer.from(m[1] ?? '', 'base64').toString('utf8'),
    );
    for (const candidate of [json, ...decoded]) {
      expect(candidate).not.toContain(demoMfaSecrets.secret);
      expect(candidate).not.toContain(demoMfaSecrets.key);
    }
    const before = collectedServers(run).flatMap(apps);
    const after = collectedServers(protectedRun).flatMap(apps);
    expect(after.map((app) => app.webConfig.status === 'collected' && app.webConfig.value.sha256)).toEqual(
      before.map((app) => app.webConfig.status === 'collected' && app.webConfig.value.sha256),
    );
  });

  it('hashes equal secrets alike and different ones apart, so drift between servers still shows', async () => {
    const key = randomBytes(32);
    const run = await demoRun();
    const values = collectedServers(protectRunSecrets(run, key))
      .flatMap(apps)
      .map((app) => secretValueOf(text(app)))
      .filter((value): value is string => value !== undefined && value !== '');
    const clear = collectedServers(run)
      .flatMap(apps)
      .map((app) => secretValueOf(text(app)))
      .filter((value): value is string => value !== undefined && value !== '');
    expect(values.length).toBe(clear.length);
    for (let i = 0; i < values.length; i++)
      for (let j = 0; j < values.length; j++) expect(values[i] === values[j]).toBe(clear[i] === clear[j]);
    // Another install's key gives other hashes: a hash is no dictionary across installs.
    const other = collectedServers(protectRunSecrets(run, randomBytes(32)))
      .flatMap(apps)
      .map((app) => text(app));
    expect(other.map(secretValueOf).filter(Boolean)[0]).not.toBe(values[0]);
  });

  it('judges the hashed run exactly as the run that was collected', async () => {
    const run = await demoRun();
    const protectedRun = protectRunSecrets(run, randomBytes(32));
    const at = new Date(run.evaluatedAt);
    expect(evaluateSavedFacts(protectedRun.savedFacts, at)).toEqual(evaluateSavedFacts(run.savedFacts, at));
  });

  it('opens the sealed bytes for planning with the same key, and refuses another key naming what to do', async () => {
    const key = randomBytes(32);
    const run = await demoRun();
    const original = collectedServers(run)[0];
    const sealed = collectedServers(protectRunSecrets(run, key))[0];
    if (original === undefined || sealed === undefined)
      throw new Error('the demo run has no collected server');
    expect(revealWebConfigs(sealed, key)).toEqual(original);
    expect(() => revealWebConfigs(sealed, randomBytes(32))).toThrow(SealedWebConfigError);
    expect(() => revealWebConfigs(sealed, randomBytes(32))).toThrow(/check the server again/);
  });
});
