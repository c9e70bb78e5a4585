import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTenantCommand, type TenantCommandDeps } from '../../electron/cli/commands/tenant-command';
import { exoSnippetCommand } from '../../electron/tenant/ews/collect-ews-facts';
import {
  ExoLiveReadError,
  readExoSettingsLive,
  readExoSettingsLiveOrUnknown,
} from '../../electron/tenant/ews/read-exo-settings-live';
import { pwshPath } from '../helpers/pwsh';
import { repoRoot } from '../helpers/test-router';
import { useTempDirs } from '../helpers/temp-dir';

// Get-ExoEwsSettings.ps1 in its own pwsh process, with a stand-in ExchangeOnlineManagement module on PSModulePath
// (its Connect-ExchangeOnline loads the ExchangeOnline.ps1 stand-ins), or with no such module at all.

const scriptsDir = join(repoRoot, 'resources', 'powershell');
const standInModules = join(repoRoot, 'tests', 'powershell', 'stand-ins', 'modules');
const recording = join(repoRoot, 'tests', 'fixtures', 'ews-rules', 'hand-written-erp-tenant.json');
const erp = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const mailbox = 'erp@contoso.example';
const tempDir = useTempDirs('exo-live');

interface Doc {
  cases: {
    results: { checkId: string; status: string; summary: string; evidence: Record<string, unknown> }[];
  }[];
}

describe.skipIf(pwshPath === null)(
  'reading the Exchange Online settings with ExchangeOnlineManagement',
  () => {
    const previous = process.env.PSModulePath;
    afterEach(() => {
      if (previous === undefined) delete process.env.PSModulePath;
      else process.env.PSModulePath = previous;
    });
    const useModules = (dir: string) => {
      process.env.PSModulePath = dir;
    };
    const request = () => ({
      executable: pwshPath,
      scriptsDir,
      appId: erp,
      mailbox,
      userPrincipalName: 'admin@contoso.onmicrosoft.com',
      signal: new AbortController().signal,
    });

    it('connects through the module, reads and parses the settings as the import does', async () => {
      useModules(standInModules);
      const read = await readExoSettingsLive(request());
      expect(read.state).toBe('read');
      if (read.state !== 'read') return;
      expect(read.source).toBe(`read with ExchangeOnlineManagement at ${read.value.readAt}`);
      expect(read.value.organization.EwsEnabled).toBe(true);
      expect(read.value.organization.EwsAllowedAppIDs).toEqual([erp]);
      expect(read.value.casMailbox?.PrimarySmtpAddress).toBe(mailbox);
      expect(read.value.roleAssignments.map((assignment) => assignment.CustomResourceScope)).toEqual([
        'ERP mailboxes',
      ]);
    });

    it('says module-missing, from the script coded answer, when the module is not installed', async () => {
      useModules(await tempDir());
      const failure = await readExoSettingsLive(request()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ExoLiveReadError);
      expect((failure as ExoLiveReadError).code).toBe('module-missing');
      expect((failure as ExoLiveReadError).message).toContain('Install-Module ExchangeOnlineManagement');
      const unknown = await readExoSettingsLiveOrUnknown(request(), exoSnippetCommand(erp, mailbox));
      expect(unknown).toMatchObject({ state: 'unknown', command: exoSnippetCommand(erp, mailbox) });
      expect(unknown.state === 'unknown' ? unknown.cause : '').toMatch(
        /\(module-missing\): The ExchangeOnlineManagement module is not installed/,
      );
    });

    async function tenantCheck(...extra: string[]) {
      const file = join(await tempDir(), 'tenant.json');
      await copyFile(recording, file);
      let stdout = '';
      let stderr = '';
      const deps: TenantCommandDeps = {
        labs: {},
        openLive: () => Promise.reject(new Error('no live Graph in this test')),
        now: () => new Date('2026-12-02T10:00:00Z'),
        defaultHistoryDir: () => join(file, '..', 'history'),
        readExoLive: ({ appId, mailbox: smtp }) =>
          readExoSettingsLiveOrUnknown(
            { ...request(), appId, mailbox: smtp },
            exoSnippetCommand(appId, smtp),
          ),
      };
      const code = await runTenantCommand(
        [
          'check',
          '--recorded',
          file,
          '--ews',
          '--ews-app-id',
          erp,
          '--ews-flow',
          'app-only',
          '--ews-mailbox',
          mailbox,
          ...extra,
          '--json',
        ],
        { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
        deps,
      );
      const results = (JSON.parse(stdout) as Doc).cases[0]?.results ?? [];
      return { code, stderr, byId: (id: string) => results.find((result) => result.checkId === id) };
    }

    it('exready tenant check --ews --exo-run judges ews.enabled and the mailbox scope from what it read', async () => {
      useModules(standInModules);
      const { byId } = await tenantCheck('--exo-run');
      expect(byId('ews.enabled')?.status).toBe('pass');
      // The recording's tenant-wide full_access_as_app consent, with no restricting policy, is still unscoped.
      expect(byId('ews.mailbox.scope')?.status).toBe('warn');
      expect(JSON.stringify(byId('ews.mailbox.scope')?.evidence.roleAssignments)).toContain('ERP mailboxes');
      expect(String(byId('ews.mailbox.scope')?.evidence.source)).toMatch(
        /^read with ExchangeOnlineManagement at /,
      );
    });

    it('--exo-run without the module leaves those checks unknown, naming the missing module (never a pass)', async () => {
      useModules(await tempDir());
      const { byId } = await tenantCheck('--exo-run');
      for (const id of ['ews.enabled', 'ews.mailbox.scope']) {
        expect(byId(id)?.status).toBe('unknown');
        expect(byId(id)?.summary).toContain('(module-missing)');
      }
    });
  },
);
