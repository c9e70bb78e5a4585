import type { CheckResult } from '../../shared/checks/check-result';
import { worstStatus } from '../../shared/checks/check-result';
import {
  type WebProbeApp,
  type WebProbeClass,
  webProbeClasses,
  webProbeStatus,
} from '../../shared/prove/web-probe-classes';
import type { ServerEvaluation } from '../checks/evaluate-estate';
import { assembleFacts } from '../facts/facts-assembler';
import type { LabEstate } from '../lab/lab-estate';
import { runCheck } from '../services/check-run-service';
import { labTarget, openLabCollection, simulatedAssembler } from '../services/lab-collection';
import type { WebProbeResult } from './web-probe';

/** A lab estate's checks with the MFA module's, as `check --lab` makes them: what the simulated probe follows. */
export async function labEvaluationWithMfa(estate: LabEstate, now: Date): Promise<ServerEvaluation[]> {
  const lab = openLabCollection(estate, () => now);
  try {
    const outcome = await runCheck(
      labTarget(estate),
      { source: lab.source, assemble: simulatedAssembler(assembleFacts), now: () => now },
      { signal: new AbortController().signal },
    );
    return outcome.results;
  } finally {
    await lab.close();
  }
}

const statusOf = (results: readonly CheckResult[], checkId: string) =>
  results.find((result) => result.checkId === checkId)?.status ?? 'n/a';

// What a browser would meet on a lab server, from its simulated MFA checks: the failures the vendor documents.
function labClass(results: readonly CheckResult[], app: WebProbeApp): WebProbeClass {
  if (results.every((result) => result.status === 'unknown')) return 'timeout';
  if (statusOf(results, `mfa.${app}.module`) === 'fail') return 'forms-logon';
  if (statusOf(results, `mfa.${app}.bin`) === 'fail') return 'http-error';
  if (statusOf(results, `mfa.${app}.appsettings`) === 'fail' || statusOf(results, 'mfa.api') === 'fail')
    return 'error-fe-500';
  return 'idp-redirect';
}

/** The demo estate's OWA/ECP probe: simulated from its facts, labelled so. */
export function labWebProbe(
  evaluation: ServerEvaluation,
  options: { apps?: readonly WebProbeApp[]; expectModule: boolean | null; idpHost: string },
  now: Date,
): WebProbeResult {
  const apps = (options.apps ?? ['owa', 'ecp']).map((app) => {
    const probeClass = labClass(evaluation.results, app);
    const info = webProbeClasses[probeClass];
    const url = `https://${evaluation.fqdn}/${app}/`;
    const location =
      probeClass === 'idp-redirect'
        ? `https://${options.idpHost}/login`
        : probeClass === 'error-fe-500'
          ? `https://${evaluation.fqdn}/owa/auth/errorFE.aspx?httpCode=500`
          : probeClass === 'forms-logon'
            ? `https://${evaluation.fqdn}/owa/auth/logon.aspx?url=${encodeURIComponent(url)}&reason=0`
            : null;
    return {
      app,
      url,
      probeClass,
      status: webProbeStatus(probeClass, options.expectModule),
      meaning: info.meaning,
      remedy: info.remedy,
      predictedBy: info.predictedBy.map((checkId) => checkId.replace('{app}', app)),
      hops: probeClass === 'timeout' ? [] : [{ url, httpStatus: location === null ? 500 : 302, location }],
      error:
        probeClass === 'timeout'
          ? { code: 'ETIMEDOUT', message: 'no answer within 10000 ms (simulated)' }
          : null,
      durationMs: 0,
    };
  });
  const health = apps.map((probe) => {
    const answered = probe.probeClass !== 'timeout';
    const healthy = answered && probe.probeClass !== 'http-error';
    return {
      app: probe.app,
      url: `https://${evaluation.fqdn}/${probe.app}/healthcheck.htm`,
      status: healthy ? ('pass' as const) : answered ? ('fail' as const) : ('unknown' as const),
      httpStatus: answered ? (healthy ? 200 : 500) : null,
      excerpt: healthy ? `200 OK<br/>${evaluation.fqdn.toUpperCase()}` : null,
      error: probe.error,
    };
  });
  return {
    server: evaluation.fqdn,
    at: now.toISOString(),
    simulated: true,
    status: worstStatus([...apps.map((probe) => probe.status), ...health.map((item) => item.status)]),
    apps,
    health,
  };
}
