import { describe, expect, it } from 'vitest';
import { useCliOverOwnUserData } from '../../helpers/cli-run';

describe('exready fix previews in words', () => {
  const { exready } = useCliOverOwnUserData('cli-fix-words');

  it('says what changes, from the value the lab shows now, and lists parameters as typed values', async () => {
    const run = await exready(
      'fix',
      '--lab',
      'demo',
      '--server',
      'exch02.contoso.com',
      '--fix',
      'winrm.auth.cbt.set-none',
      '--yes',
      '--accept-risk',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Change:     Sets CbtHardeningLevel on exch02.contoso.com from Relaxed to None',
    );
    expect(run.stdout).toContain('Parameters: transport = https; level = None');
    expect(run.stdout).toContain('Re-checks:  winrm.auth.cbt afterwards');
    expect(run.stdout).not.toContain('Turns green');

    const undo = await exready('undo', '--lab', 'demo', '--audit-id', '1', '--yes', '--accept-risk');
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('from None back to Relaxed');
    expect(undo.stdout).toContain('puts back the value audit entry 1 recorded');
  });
});
