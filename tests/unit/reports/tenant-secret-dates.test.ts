import { describe, expect, it } from 'vitest';
import { demoTenantCases, type DemoTenantCase } from '../../../electron/lab/demo-tenant';
import { buildTenantReport } from '../../../electron/reports/build-tenant-report';
import { renderReportHtml } from '../../../electron/reports/report-html';
import { renderReportJson } from '../../../electron/reports/report-json';
import { maskSecrets } from '../../../electron/reports/mask-report-secrets';
import { TenantRunHistory } from '../../../electron/storage/tenant-run-history';
import { replayTenantCheck } from '../../../electron/tenant/tenant-check-run';
import { secretMask } from '../../../shared/security/secrets';
import type { CheckResult } from '../../../shared/checks/check-result';
import { useTempDirs } from '../../helpers/temp-dir';

// m365.provisioning.secret's evidence is the secrets' and certificates' end dates, which an admin must see: its key is
// not secret-named (the masking masks "credentials" whole), while a real secret value is still masked.

const tempDir = useTempDirs('tenant-secret-dates');
const caseNamed = (name: string): DemoTenantCase => {
  const found = demoTenantCases.find((entry) => entry.name === name);
  if (found === undefined) throw new Error(`no demo case ${name}`);
  return found;
};

async function reportOf(entry: DemoTenantCase) {
  const outcome = await replayTenantCheck(entry.recording, entry.target);
  const run = {
    runId: null,
    tenant: entry.target.tenant,
    caseName: entry.name,
    readAt: outcome.evaluatedAt,
    simulated: true,
    provisioningAppId: entry.target.provisioningAppId,
    federatedDomains: [...entry.target.federatedDomains],
    idpSignInHost: entry.target.idpSignInHost,
    results: outcome.results,
  };
  const report = buildTenantReport({
    tenants: [run],
    runId: null,
    appVersion: '0.1.0',
    operator: 'CONTOSO\\admin',
    now: () => new Date('2026-12-02T10:00:00Z'),
  });
  const check = report.tenants?.[0]?.checks.find((entry) => entry.checkId === 'm365.provisioning.secret');
  return { outcome, report, check };
}

/** The end dates the demo recording gives the provisioning app's secrets. */
function recordedEnds(entry: DemoTenantCase): string[] {
  const app = entry.recording.responses.find((response) =>
    response.url.includes(`/applications(appId='${entry.target.provisioningAppId}')`),
  );
  const body = app?.body as { passwordCredentials?: { endDateTime: string }[] } | undefined;
  return (body?.passwordCredentials ?? []).map((credential) => credential.endDateTime);
}

describe('the provisioning secret in the tenant report', () => {
  it('shows the end dates of the demo case, not a mask, in the JSON and the HTML', async () => {
    const entry = caseNamed('fabrikam-new-app');
    const ends = recordedEnds(entry);
    expect(ends.length).toBeGreaterThan(0);
    const { check, report } = await reportOf(entry);
    expect(check?.status).toBe('warn');
    const dates = check?.evidence.endDates as { kind: string; endDateTime: string }[];
    expect(dates.map((date) => date.endDateTime)).toEqual(ends);
    expect(dates.every((date) => date.kind === 'secret')).toBe(true);
    expect(JSON.stringify(check?.evidence)).not.toContain(secretMask);
    const json = renderReportJson(report);
    expect(json).toContain(ends[0]);
    // The HTML words the date as the report's other times are worded.
    expect(ends[0]).toBe('2026-12-20T00:00:00Z');
    expect(renderReportHtml(report)).toMatch(
      /<b>endDates<\/b> \{kind: secret, [^}]*endDateTime: 20 Dec 2026/,
    );
  });

  it('keeps the dates in the tenant history, which masks evidence as the reports do', async () => {
    const entry = caseNamed('fabrikam-ready');
    const { outcome } = await reportOf(entry);
    const history = new TenantRunHistory(await tempDir());
    await history.save({
      schemaVersion: 1,
      kind: 'exready.tenant-run',
      runId: 'tenant-dates',
      savedAt: '2026-12-02T10:00:00Z',
      source: 'lab',
      caseName: entry.name,
      simulated: true,
      tenant: entry.target.tenant,
      readAt: outcome.evaluatedAt,
      provisioningAppId: entry.target.provisioningAppId,
      federatedDomains: [...entry.target.federatedDomains],
      idpSignInHost: entry.target.idpSignInHost,
      results: outcome.results,
    });
    const saved = await history.open('tenant-dates');
    const secret = saved.results.find((result) => result.checkId === 'm365.provisioning.secret');
    expect((secret?.evidence.endDates as { endDateTime: string }[]).map((d) => d.endDateTime)).toEqual(
      recordedEnds(entry),
    );
  });

  it('still masks a real secretText: never copied into the evidence, and masked if any evidence carried one', async () => {
    const entry = structuredClone(caseNamed('fabrikam-ready'));
    const secretValue = 'Q8w~k3ReAlSeCrEtVaLuE.0123456789abcd';
    for (const response of entry.recording.responses) {
      const body = response.body as { passwordCredentials?: { secretText: string | null }[] } | undefined;
      for (const credential of body?.passwordCredentials ?? []) credential.secretText = secretValue;
    }
    const { report, check } = await reportOf(entry);
    expect(check?.status).toBe('pass');
    expect(renderReportJson(report)).not.toContain(secretValue);
    expect(renderReportHtml(report)).not.toContain(secretValue);

    const carried: CheckResult['evidence'] = {
      endDates: [{ kind: 'secret', endDateTime: '2027-12-01T00:00:00Z', secretText: secretValue }],
      credentials: [{ endDateTime: '2027-12-01T00:00:00Z' }],
    };
    expect(maskSecrets(carried, [])).toEqual({
      endDates: [{ kind: 'secret', endDateTime: '2027-12-01T00:00:00Z', secretText: secretMask }],
      credentials: secretMask,
    });
  });
});
