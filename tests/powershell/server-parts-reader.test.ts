import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { normalizePs51Json } from '../../electron/powershell/ps51-json';
import { powershellEnvironment } from '../../electron/powershell/shell-environment';
import { ServerFactsData } from '../../shared/facts/collection-data';
import { pwshPath } from '../helpers/pwsh';
import { repoRoot } from '../helpers/test-router';

// The WinRM and certificate parts, run by real pwsh on Windows-shaped stand-ins and printed as the jump host prints them,
// read by the same schemas and PS 5.1 normaliser the facts assembler uses.

const Printed = z.record(z.string(), z.unknown());
const schemas = ServerFactsData.shape;

function printParts(): Record<string, unknown> {
  const run = spawnSync(
    pwshPath ?? 'pwsh',
    [
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-File',
      join(repoRoot, 'tests', 'powershell', 'scripts', 'Write-ExreadyServerParts.ps1'),
    ],
    { encoding: 'utf8', env: powershellEnvironment(), timeout: 60_000 },
  );
  if (run.status !== 0) throw new Error(`Write-ExreadyServerParts.ps1 failed: ${run.stderr}`);
  return Printed.parse(JSON.parse(run.stdout));
}

describe.skipIf(pwshPath === null)('server parts through the TypeScript reader', () => {
  const printed = pwshPath === null ? {} : printParts();
  const read = <S extends z.ZodType>(key: string, schema: S) =>
    normalizePs51Json(printed[key], schema, { origin: `part ${key}` });

  it('names the service enums Windows PowerShell prints as numbers', () => {
    expect(read('winrmService', schemas.winrmService)).toEqual({
      status: 'collected',
      value: { status: 'Stopped', startType: 'Disabled' },
    });
  });

  it('reads the listeners WSMan hands over as text: port a number, enabled a boolean, GPO as source', () => {
    expect(read('listeners', schemas.listeners)).toEqual({
      status: 'collected',
      value: [
        {
          address: '*',
          transport: 'HTTP',
          port: 5985,
          hostname: '',
          enabled: true,
          certificateThumbprint: '',
          source: null,
        },
        {
          address: '*',
          transport: 'HTTPS',
          port: 5986,
          hostname: 'exch01.contoso.com',
          enabled: true,
          certificateThumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9001122334',
          source: 'GPO',
        },
      ],
    });
  });

  it('reads CbtHardeningLevel with its Group Policy source', () => {
    expect(read('serviceAuth', schemas.serviceAuth)).toEqual({
      status: 'collected',
      value: { cbtHardeningLevel: 'Strict', cbtHardeningLevelSource: 'GPO' },
    });
  });

  it('reads the certificates: SAN names on a German server, ISO dates, private key, EKU OIDs', () => {
    const part = read('certificates', schemas.certificates);
    if (part.status !== 'collected') throw new Error(part.error);
    const [san, expired] = part.value;
    expect(part.value).toHaveLength(2);
    expect(san).toMatchObject({
      subject: 'CN=mail.contoso.com, O=Contoso',
      dnsNames: ['mail.contoso.com', 'exch01.contoso.com'],
      hasPrivateKey: true,
      enhancedKeyUsages: ['1.3.6.1.5.5.7.3.1'],
    });
    expect(san?.thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(Date.parse(san?.notAfter ?? '')).toBeGreaterThan(Date.now());
    expect(expired).toMatchObject({
      subject: 'CN=exch01.contoso.com',
      dnsNames: [],
      hasPrivateKey: false,
      enhancedKeyUsages: ['1.3.6.1.5.5.7.3.2'],
    });
    expect(Date.parse(expired?.notAfter ?? '')).toBeLessThan(Date.now());
  });

  it('reads no listener and an empty store as empty lists', () => {
    expect(read('noListener', schemas.listeners)).toEqual({ status: 'collected', value: [] });
    expect(read('emptyStore', schemas.certificates)).toEqual({ status: 'collected', value: [] });
  });

  it('reads a part that failed as not collected, with its error', () => {
    expect(read('unreadableStore', schemas.certificates)).toEqual({
      status: 'not-collected',
      error: 'Access is denied.',
    });
  });
});
