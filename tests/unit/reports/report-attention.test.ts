import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../electron/reports/build-report';
import { renderReportHtml } from '../../../electron/reports/report-html';
import type { SavedRun } from '../../../electron/storage/run-history';
import { reportAttention } from '../../../shared/reports/report-attention';
import { demoAuditEntries, demoNow, demoRun } from '../../helpers/demo-run';

function reportOf(run: SavedRun) {
  return buildReport({
    savedFacts: run.savedFacts,
    results: run.results,
    auditEntries: demoAuditEntries,
    period: { from: null, to: demoNow },
    runId: run.runId,
    appVersion: '0.1.0',
    operator: 'CONTOSO\\admin',
    now: () => demoNow,
  });
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** The demo run with exch03's failed WinRM service result copied, word for word, onto exch04. */
async function sharedFailureRun(): Promise<SavedRun> {
  const run = await demoRun();
  const exch03 = run.results.find((server) => server.fqdn === 'exch03.contoso.com');
  const failed = exch03?.results.find((result) => result.checkId === 'winrm.service');
  if (failed === undefined) throw new Error('the demo run lost exch03 winrm.service');
  return {
    ...run,
    results: run.results.map((server) =>
      server.fqdn === 'exch04.contoso.com'
        ? { ...server, results: server.results.map((r) => (r.checkId === 'winrm.service' ? failed : r)) }
        : server,
    ),
  };
}

describe('what the report says needs attention', () => {
  it('states each accepted risk once with every server it applies to', async () => {
    const report = reportOf(await demoRun());
    const { acceptedRisks } = reportAttention(report);
    expect(acceptedRisks.map((risk) => [risk.checkId, risk.servers])).toEqual([
      ['winrm.auth.cbt', ['exch01.contoso.com', 'exch04.contoso.com', 'exch08.contoso.com']],
      ['ad.delegation', ['exch01.contoso.com', 'exch04.contoso.com']],
    ]);
    // The model lists one entry per server and check; the HTML prints one paragraph per risk.
    expect(report.acceptedRisks).toHaveLength(5);
    const html = renderReportHtml(report, { timeZone: 'UTC' });
    for (const risk of acceptedRisks) expect(occurrences(html, risk.saferAlternatives[0] ?? '')).toBe(1);
    expect(html).toContain('Channel binding (CbtHardeningLevel) <small>3 servers</small>');
  });

  it('states a check once, with one finding for the servers that share it word for word', async () => {
    const report = reportOf(await sharedFailureRun());
    const { attention } = reportAttention(report);
    expect(new Set(attention.map((check) => check.checkId)).size).toBe(attention.length);
    const winrm = attention.find((check) => check.checkId === 'winrm.service');
    expect(winrm?.findings.map((finding) => [finding.status, finding.servers])).toEqual([
      ['fail', ['exch03.contoso.com', 'exch04.contoso.com']],
      ['warn', ['exch02.contoso.com']],
    ]);
    const html = renderReportHtml(report, { timeZone: 'UTC' });
    expect(occurrences(html, winrm?.findings[0]?.summary ?? '?')).toBe(3); // once in attention, twice in the appendix
    expect(html).toContain('on <strong>exch03.contoso.com, exch04.contoso.com</strong>');
  });

  it('lists the worst checks first and never a check that passed', async () => {
    const { attention } = reportAttention(reportOf(await demoRun()));
    const rank = { fail: 0, unknown: 1, warn: 2 } as Record<string, number>;
    const worst = attention.map((check) => rank[check.worst]);
    expect(worst).toEqual([...worst].sort());
    expect(attention.flatMap((check) => check.findings).every((f) => f.status in rank)).toBe(true);
    expect(attention.find((check) => check.checkId === 'winrm.trustedhosts')).toBeUndefined();
  });

  it('names an unreachable server once with its cause, never once per check', async () => {
    const report = reportOf(await demoRun());
    const outline = reportAttention(report);
    expect(outline.notChecked.map((item) => item.server)).toEqual([
      'exch05.contoso.com',
      'exch06.contoso.com',
      'exch07.contoso.com',
    ]);
    const servers = outline.attention.flatMap((check) => check.findings.flatMap((f) => f.servers));
    expect(servers).not.toContain('exch05.contoso.com');
    // exch08 was collected, so its two checks that could not be read are listed as blocking.
    expect(servers.filter((server) => server === 'exch08.contoso.com').length).toBeGreaterThanOrEqual(2);
    const html = renderReportHtml(report, { timeZone: 'UTC' });
    expect(occurrences(html, 'Not checked: exch05.contoso.com could not be reached')).toBe(0);
    expect(occurrences(html, 'Kerberos found no matching service principal name')).toBe(1);
  });

  it('prints each reference once per check, linked, with the URL never repeated after the link', async () => {
    const report = reportOf(await demoRun());
    const html = renderReportHtml(report, { timeZone: 'UTC' });
    for (const check of reportAttention(report).attention)
      for (const url of check.references) expect(html).toContain(`<a href="${url}">${url}</a>`);
    const links = [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)];
    expect(links.length).toBeGreaterThan(0);
    expect(links.every(([, href, text]) => href === text)).toBe(true);
  });
});
