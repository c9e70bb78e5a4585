import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import type { PowerShellHost } from '../../../electron/powershell/powershell-host';
import { deployModuleFiles } from '../../../electron/services/mfa-module-deploy-service';
import { MfaPlanError } from '../../../electron/services/mfa-webconfig-service';
import { mfaFacts, serverWithMfa } from '../../helpers/mfa-facts';
import { useTempDirs } from '../../helpers/temp-dir';

function hostPrinting(line: string, calls: Record<string, unknown>[]): PowerShellHost {
  return {
    run(_script, parameters, options) {
      calls.push(parameters);
      options.onLine(line);
      return Promise.resolve({ errors: [], warnings: [], durationMs: 1 });
    },
    dispose: () => Promise.resolve(),
  };
}

describe('module deployment', () => {
  const tempDir = useTempDirs('module-deploy');
  const now = () => new Date('2026-11-22T10:00:00Z');

  it('copies to the bin of the path IIS named, audits the files, and re-checks', async () => {
    const calls: Record<string, unknown>[] = [];
    const line = JSON.stringify({
      exreadyResult: 1,
      status: 'deployed',
      binPath: 'C:\\Exchange\\FrontEnd\\HttpProxy\\owa\\bin',
      createdBin: true,
      files: [
        { name: 'MonoSign.IISModule.dll', sha256: 'AB'.repeat(32), fileVersion: '2.4.1.0', backup: null },
      ],
      error: null,
    });
    const audit = new AuditLog(join(await tempDir(), 'audit.jsonl'), now);
    const rechecked: string[] = [];
    const outcome = await deployModuleFiles(
      {
        facts: serverWithMfa('exch01.contoso.com', mfaFacts()),
        appId: 'owa',
        sourcePath: 'C:\\Downloads\\module.zip',
        expectedSigner: 'CN=Monofor Bilisim A.S., O=Monofor Bilisim A.S., L=Istanbul, C=TR',
      },
      {
        host: hostPrinting(line, calls),
        audit,
        scriptPath: 'Deploy-ExreadyModuleFiles.ps1',
        now,
        operator: 'CONTOSO\\admin',
        recheck: (server) => {
          rechecked.push(server);
          return Promise.resolve();
        },
      },
    );
    expect(outcome.outcome).toBe('succeeded');
    expect(calls[0]).toEqual({
      server: 'exch01.contoso.com',
      sourcePath: 'C:\\Downloads\\module.zip',
      binPath: 'C:\\Exchange\\FrontEnd\\HttpProxy\\owa\\bin',
      backupSuffix: 'exready-20261122-100000.bak',
      expectedSigner: 'CN=Monofor Bilisim A.S., O=Monofor Bilisim A.S., L=Istanbul, C=TR',
      acceptUnverifiedSignature: false,
    });
    expect(rechecked).toEqual(['exch01.contoso.com']);
    expect((await audit.entries())[0]).toMatchObject({ action: 'mfa.owa.bin.deploy', outcome: 'succeeded' });
  });

  it('audits a failure and refuses a server whose app path is unknown', async () => {
    const audit = new AuditLog(join(await tempDir(), 'audit.jsonl'), now);
    const deps = {
      host: hostPrinting('garbage', []),
      audit,
      scriptPath: 'Deploy-ExreadyModuleFiles.ps1',
      now,
      operator: 'CONTOSO\\admin',
      recheck: () => Promise.reject(new Error('must not re-check')),
    };
    const facts = serverWithMfa('exch01.contoso.com', mfaFacts());
    expect(
      (
        await deployModuleFiles(
          { facts, appId: 'owa', sourcePath: 'C:\\m', expectedSigner: 'CN=Vendor' },
          deps,
        )
      ).outcome,
    ).toBe('failed');
    expect((await audit.entries())[0]?.outcome).toBe('failed');
    await expect(
      deployModuleFiles(
        {
          facts: serverWithMfa('exch01.contoso.com', 'no IIS'),
          appId: 'owa',
          sourcePath: 'C:\\m',
          expectedSigner: 'CN=Vendor',
        },
        deps,
      ),
    ).rejects.toBeInstanceOf(MfaPlanError);
  });

  it('refuses, before auditing or running anything, when the profile names no signer to check the DLLs against', async () => {
    const audit = new AuditLog(join(await tempDir(), 'audit.jsonl'), now);
    const calls: Record<string, unknown>[] = [];
    const deps = {
      host: hostPrinting('{}', calls),
      audit,
      scriptPath: 'Deploy-ExreadyModuleFiles.ps1',
      now,
      operator: 'CONTOSO\\admin',
      recheck: () => Promise.reject(new Error('must not re-check')),
    };
    const facts = serverWithMfa('exch01.contoso.com', mfaFacts());
    await expect(
      deployModuleFiles({ facts, appId: 'owa', sourcePath: 'C:\\m', expectedSigner: undefined }, deps),
    ).rejects.toThrow(/names no signer/);
    expect(calls).toHaveLength(0);
    expect(await audit.entries()).toHaveLength(0);
  });

  it("passes the operator's acceptance of unverified signatures and records how the signatures were checked", async () => {
    const calls: Record<string, unknown>[] = [];
    const note =
      'not verified: Get-AuthenticodeSignature is not available on this machine; m.dll deployed because the operator accepted that risk';
    const line = JSON.stringify({
      exreadyResult: 1,
      status: 'deployed',
      binPath: 'C:\\Exchange\\FrontEnd\\HttpProxy\\owa\\bin',
      createdBin: false,
      files: [{ name: 'm.dll', sha256: 'AB'.repeat(32), fileVersion: null, backup: null }],
      signature: note,
      error: null,
    });
    const audit = new AuditLog(join(await tempDir(), 'audit.jsonl'), now);
    const outcome = await deployModuleFiles(
      {
        facts: serverWithMfa('exch01.contoso.com', mfaFacts()),
        appId: 'owa',
        sourcePath: 'C:\\m',
        expectedSigner: 'CN=Vendor',
        acceptUnverifiedSignature: true,
      },
      {
        host: hostPrinting(line, calls),
        audit,
        scriptPath: 'Deploy-ExreadyModuleFiles.ps1',
        now,
        operator: 'CONTOSO\\admin',
        recheck: () => Promise.resolve(),
      },
    );
    expect(outcome.result?.signature).toBe(note);
    expect(calls[0]).toMatchObject({ expectedSigner: 'CN=Vendor', acceptUnverifiedSignature: true });
    expect((await audit.entries())[0]).toMatchObject({ after: { signature: note } });
  });
});
