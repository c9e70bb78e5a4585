import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EwsProbeOutcome } from '../../../shared/tenant/ews/ews-probe-outcome';
import {
  ewsSuccessAnswer,
  startEwsStandin,
  tokenSuccessAnswer,
  type EwsStandin,
} from '../../helpers/ews-standin';

let dir = '';
let childScript = '';
let standin: EwsStandin;

// The child is bundled once so it starts in milliseconds; it uses Node's global fetch, not an injected one.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exready-ews-child-'));
  childScript = join(dir, 'ews-probe-child.cjs');
  await build({
    entryPoints: ['tests/helpers/ews-probe-child.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: childScript,
    logLevel: 'silent',
  });
  standin = await startEwsStandin(dir);
});

afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

function runChild(options: object, secret: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, JSON.stringify(options)], { env, stdio: 'pipe' });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('error', reject);
    child.on('close', () => resolve(Buffer.concat(out).toString('utf8')));
    child.stdin.end(secret);
  });
}

describe('the probe with Node\u2019s own fetch', () => {
  it('trusts the stand-in through NODE_EXTRA_CA_CERTS and reads the inbox; the secret came over stdin only', async () => {
    standin.onToken(() =>
      tokenSuccessAnswer({
        aud: 'https://outlook.office365.com',
        tid: 'contoso',
        roles: ['full_access_as_app'],
      }),
    );
    standin.onEws(() => ewsSuccessAnswer());
    const secret = 'Q~child-secret-value-987';
    const stdout = await runChild(
      {
        tenant: 'contoso.onmicrosoft.com',
        clientId: '3f1b6c2e-8d4a-4e7b-9c1d-5a6b7c8d9e0f',
        flow: 'app-only',
        mailbox: 'erp@contoso.com',
        loginBaseUrl: standin.loginBaseUrl,
        ewsUrl: standin.ewsUrl,
      },
      secret,
      { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: standin.caFile },
    );
    const outcome = JSON.parse(stdout) as EwsProbeOutcome;
    expect(outcome.classification).toBe('success');
    expect(outcome.result.evidence.claims).toMatchObject({ roles: ['full_access_as_app'] });
    expect(new URLSearchParams(standin.tokenRequests[0]?.body).get('client_secret')).toBe(secret);
    expect(stdout).not.toContain(secret);
  });
});
