import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import { applyFix, FixConsentError } from '../../../electron/fixes/fix-apply';
import { FixInputError, planFix } from '../../../electron/fixes/fix-preview';
import { planUndo } from '../../../electron/fixes/fix-undo';
import { checkLabEstate, findCheck } from '../../../electron/fixes/lab-recheck';
import { createLabFixHost, type LabFixHost } from '../../../electron/lab/lab-fix-host';
import { fixCatalogue, findFix } from '../../../shared/fixes/fix-catalogue';
import { fixNow, fixScenarios, scriptsDir, server, type FixScenario } from '../../helpers/fix-lab';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('fixes');

async function checkOf(lab: LabFixHost, checkId: string) {
  const result = findCheck(await checkLabEstate(lab.estate(), fixNow), server, checkId);
  if (result === null) throw new Error(`no ${checkId} result`);
  return result;
}

async function setUp(scenario: FixScenario) {
  const lab = createLabFixHost(scenario.estate);
  const audit = new AuditLog(`${await tempDir()}/audit.jsonl`, () => fixNow);
  let rechecks = 0;
  const deps = {
    host: lab.host,
    audit,
    operator: 'CONTOSO\\admin',
    simulated: true,
    lab: 'demo',
    recheck: () => {
      rechecks += 1;
      return Promise.resolve();
    },
  };
  return { lab, audit, deps, rechecks: () => rechecks };
}

// Lab entries are undone only in their lab.
const inLab = { lab: 'demo' };

const consent = (scenario: FixScenario) => ({ confirmed: true, riskAccepted: scenario.riskAccepted });

describe('every fix against the lab', () => {
  it('has a scenario for every fix in the catalogue', () => {
    expect(fixScenarios.map((scenario) => scenario.fixId).sort()).toEqual(
      fixCatalogue.map((fix) => fix.id).sort(),
    );
  });

  describe.each(fixScenarios)('$fixId', (scenario) => {
    it('turns its check green, audits the change, and a second run changes nothing', async () => {
      const { lab, audit, deps, rechecks } = await setUp(scenario);
      const original = await checkOf(lab, scenario.checkId);
      expect(original.status).not.toBe('pass');
      expect(original.fixId).toBe(scenario.fixId);

      const plan = await planFix(scenario.fixId, server, scenario.parameters, scriptsDir);
      expect(plan.preview.scriptText).toContain('$ParametersBase64');
      expect(plan.preview.checkId).toBe(scenario.checkId);
      const outcome = await applyFix(plan, consent(scenario), deps);
      expect(outcome).toMatchObject({ outcome: 'succeeded', changed: true, error: null });
      expect(rechecks()).toBe(1);

      const fixed = await checkOf(lab, scenario.checkId);
      expect(fixed.status).toBe('pass');
      expect(fixed.acceptedRisk !== undefined).toBe(scenario.riskAccepted);

      const [entry] = await audit.entries();
      expect(entry).toMatchObject({
        id: outcome.auditId,
        server,
        action: scenario.fixId,
        operator: 'CONTOSO\\admin',
        outcome: 'succeeded',
        simulated: true,
        undoes: null,
      });
      expect(entry?.before).not.toEqual(entry?.after);

      const again = await applyFix(plan, consent(scenario), deps);
      expect(again).toMatchObject({ outcome: 'succeeded', changed: false });
      expect(again.message).toMatch(/nothing to change/i);
    });

    it('is undone from its audit entry where the fix allows it', async () => {
      const { lab, audit, deps } = await setUp(scenario);
      const original = await checkOf(lab, scenario.checkId);
      const plan = await planFix(scenario.fixId, server, scenario.parameters, scriptsDir);
      const applied = await applyFix(plan, consent(scenario), deps);
      if (findFix(scenario.fixId)?.undoable !== true) {
        await expect(planUndo(applied.auditId, audit, scriptsDir, inLab)).rejects.toThrow(/cannot be undone/);
        return;
      }
      const undo = await planUndo(applied.auditId, audit, scriptsDir, inLab);
      expect(undo.preview.undoes).toBe(applied.auditId);
      const undone = await applyFix(undo, { confirmed: true, riskAccepted: false }, deps);
      expect(undone).toMatchObject({ outcome: 'succeeded', changed: true });
      expect(undone.after).toEqual(applied.before);
      expect((await checkOf(lab, scenario.checkId)).status).toBe(original.status);
      expect((await audit.entries()).at(-1)).toMatchObject({ undoes: applied.auditId, outcome: 'succeeded' });
      await expect(planUndo(applied.auditId, audit, scriptsDir, inLab)).rejects.toThrow(/already undone/);
    });

    it('leaves a failed audit entry and the check as it was when the server refuses or hangs', async () => {
      for (const mode of ['refuse', 'hang'] as const) {
        const { lab, audit, deps } = await setUp(scenario);
        const target =
          typeof scenario.parameters.syncServer === 'string' ? scenario.parameters.syncServer : server;
        lab[mode](target);
        const before = await checkOf(lab, scenario.checkId);
        const plan = await planFix(scenario.fixId, server, scenario.parameters, scriptsDir);
        const outcome = await applyFix(plan, consent(scenario), { ...deps, timeoutMs: 20 });
        expect(outcome.outcome).toBe(mode === 'refuse' ? 'refused' : 'failed');
        expect(outcome.changed).toBe(false);
        expect(outcome.error).toMatch(mode === 'refuse' ? /Access is denied/ : /did not finish/);
        const [entry] = await audit.entries();
        expect(entry).toMatchObject({ outcome: outcome.outcome, error: outcome.error });
        expect(await checkOf(lab, scenario.checkId)).toEqual(before);
      }
    });
  });
});

describe('consent and input', () => {
  const cbt = fixScenarios.find((scenario) => scenario.checkId === 'winrm.auth.cbt')!;

  it('refuses without confirmation, and a fix that lowers security without the risk accepted', async () => {
    const { lab, audit, deps } = await setUp(cbt);
    const plan = await planFix(cbt.fixId, server, cbt.parameters, scriptsDir);
    expect(plan.preview.risk).toBe('lowers-security');
    await expect(applyFix(plan, { confirmed: false, riskAccepted: true }, deps)).rejects.toThrow(
      FixConsentError,
    );
    await expect(applyFix(plan, { confirmed: true, riskAccepted: false }, deps)).rejects.toThrow(
      /accept the risk/,
    );
    expect(lab.runs).toEqual([]);
    expect(await audit.entries()).toEqual([]);
  });

  it('offers CBT Relaxed without a risk, and refuses a CBT change where Group Policy owns the value', async () => {
    expect((await planFix(cbt.fixId, server, { level: 'Relaxed' }, scriptsDir)).preview.risk).toBe('none');
    const policy = {
      ...cbt.estate,
      exchangeServers: cbt.estate.exchangeServers.map((item) => ({
        ...item,
        cbt: { level: 'Strict' as const, source: 'GPO' },
      })),
    };
    const { deps } = await setUp({ ...cbt, estate: policy });
    const plan = await planFix(cbt.fixId, server, cbt.parameters, scriptsDir);
    expect(await applyFix(plan, { confirmed: true, riskAccepted: true }, deps)).toMatchObject({
      outcome: 'refused',
    });
  });

  it('rejects unknown fixes and bad parameters; "*" in TrustedHosts previews as lowering security', async () => {
    await expect(planFix('no.such.fix', server, {}, scriptsDir)).rejects.toThrow(FixInputError);
    await expect(
      planFix('winrm.listener.cert.replace', server, { thumbprint: 'xyz' }, scriptsDir),
    ).rejects.toThrow(/40 hex/);
    const th = { syncServer: 'sync01.contoso.com', hosts: '*' };
    const wildcard = await planFix('winrm.trustedhosts.add-server', server, th, scriptsDir);
    expect(wildcard.preview.risk).toBe('lowers-security');
    expect(wildcard.preview.exposes).toContain('"*"');
    const scenario = fixScenarios.find((item) => item.checkId === 'winrm.trustedhosts')!;
    const { deps } = await setUp(scenario);
    await expect(applyFix(wildcard, { confirmed: true, riskAccepted: false }, deps)).rejects.toThrow(
      FixConsentError,
    );
  });

  it('appends to TrustedHosts without dropping what was there', async () => {
    const scenario = fixScenarios.find((item) => item.checkId === 'winrm.trustedhosts')!;
    const { lab, deps } = await setUp(scenario);
    const plan = await planFix(scenario.fixId, server, scenario.parameters, scriptsDir);
    await applyFix(plan, { confirmed: true, riskAccepted: false }, deps);
    expect(lab.estate().syncServers[0]?.trustedHosts.value).toBe(
      'exch02.contoso.com,legacy01.contoso.com,exch01.contoso.com',
    );
  });

  it('creates a listener with a self-signed certificate only when chosen, and it passes the certificate check', async () => {
    const scenario = fixScenarios.find((item) => item.fixId === 'winrm.listener.https.create')!;
    await expect(
      planFix(scenario.fixId, server, { thumbprint: '01'.repeat(20), selfSigned: true }, scriptsDir),
    ).rejects.toThrow(/not both/);
    const { lab, deps } = await setUp(scenario);
    const plan = await planFix(scenario.fixId, server, { selfSigned: 'true' }, scriptsDir);
    expect(await applyFix(plan, { confirmed: true, riskAccepted: false }, deps)).toMatchObject({
      outcome: 'succeeded',
      changed: true,
    });
    expect((await checkOf(lab, 'winrm.listener.cert')).status).toBe('pass');
  });
});
