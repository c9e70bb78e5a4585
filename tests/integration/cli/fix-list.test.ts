import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixCatalogue } from '../../../shared/fixes/fix-catalogue';
import { useCliOverOwnUserData } from '../../helpers/cli-run';

interface Listing {
  id: string;
  title: string;
  risk: string;
  parameters: { name: string; type: string; required: boolean; default: string | null }[];
}

describe('exready fix --list', () => {
  const { exready } = useCliOverOwnUserData('cli-fix-list');

  it('--json lists every fix with its title, typed parameters and risk', async () => {
    const run = await exready('fix', '--list', '--json');
    expect(run.code).toBe(0);
    const { fixes } = JSON.parse(run.stdout) as { fixes: Listing[] };
    expect(fixes.map((fix) => fix.id)).toEqual(fixCatalogue.map((fix) => fix.id));
    const byId = new Map(fixes.map((fix) => [fix.id, fix]));
    expect(byId.get('winrm.auth.cbt.set-none')).toMatchObject({
      risk: 'lowers-security',
      parameters: [{ name: 'level', type: 'None|Relaxed|Strict', required: false, default: 'None' }],
    });
    expect(
      byId.get('winrm.trustedhosts.add-server')?.parameters.map((p) => [p.name, p.type, p.required]),
    ).toEqual([
      ['syncServer', 'text', true],
      ['hosts', 'list of text, comma-separated', true],
      ['acceptRisk', 'true|false', false],
    ]);
    expect(byId.get('winrm.service.start-automatic')).toMatchObject({ risk: 'none', parameters: [] });
  });

  it('prints the same fixes as text, one block each with its --param lines', async () => {
    const run = await exready('fix', '--list');
    expect(run.code).toBe(0);
    for (const fix of fixCatalogue) expect(run.stdout).toContain(`${fix.id}: ${fix.title}`);
    expect(run.stdout).toContain(
      '    --param account=<text>  (required) the sync service account, DOMAIN\\name or name@domain',
    );
    expect(run.stdout).toContain('turns green ad.delegation; risk: LOWERS SECURITY; undoable: yes');
  });
});

describe('exready fix bad input', () => {
  const { exready, userData } = useCliOverOwnUserData('cli-fix-input');

  it('a short --server name exits 2 like check, with a usage error and no audit entry', async () => {
    const fixed = await exready(
      'fix',
      '--server',
      'exch02',
      '--fix',
      'winrm.service.start-automatic',
      '--yes',
      '--lab',
      'demo',
    );
    const checked = await exready(
      'check',
      '--servers',
      'exch02',
      '--sync-server',
      'sync01.contoso.com',
      '--service-account',
      'CONTOSO\\svc-sync',
    );
    expect(fixed.code).toBe(2);
    expect(checked.code).toBe(2);
    expect(fixed.stderr).toContain(
      '--server: "exch02" is not fully qualified (expected e.g. exch01.contoso.com)',
    );
    expect(fixed.stdout).toBe('');
    expect(await readdir(userData())).not.toContain('audit.jsonl');
  });

  it('--export of the service-account fix names the missing parameter in words, not a schema dump', async () => {
    const out = join(userData(), 'plan.ps1');
    const missing = await exready(
      'fix',
      '--export',
      out,
      '--server',
      'exch02.contoso.com',
      '--fix',
      'psremoting.serviceaccount.add-to-remote-management-users',
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'account: is missing (--param account=<text>: the sync service account, DOMAIN\\name or name@domain)',
    );
    expect(missing.stderr).toContain("See 'exready fix --list'");
    expect(missing.stderr).not.toMatch(/expected string|received undefined|Invalid input/);

    const invalid = await exready(
      'fix',
      '--export',
      out,
      '--server',
      'exch02.contoso.com',
      '--fix',
      'psremoting.serviceaccount.add-to-remote-management-users',
      '--param',
      'account=svc@',
      '--param',
      'colour=blue',
    );
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('account: "svc@"');
    expect(invalid.stderr).toContain('Unrecognized key: "colour" (it takes: account)');
    expect(await readdir(userData())).not.toContain('plan.ps1');
  });
});
