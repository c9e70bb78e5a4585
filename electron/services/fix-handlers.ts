import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fixCatalogue } from '../../shared/fixes/fix-catalogue';
import type { InvokeHandlers } from '../ipc/router';
import { AuditLog } from '../audit/audit-log';
import { applyFix, FixConsentError } from '../fixes/fix-apply';
import { exportFixPlan, exportRefusal } from '../fixes/fix-export';
import { dnsResolver, labResolver, type HostResolver } from '../fixes/firewall-addresses';
import { FixInputError, planFix, type FixPlan } from '../fixes/fix-preview';
import { listenerCertificateCandidates } from '../fixes/certificate-candidates';
import { planUndo } from '../fixes/fix-undo';
import { latestServerFacts, latestSyncServerFacts } from '../fixes/latest-server-facts';
import { RunHistory } from '../storage/run-history';
import type { LabFixHost } from '../lab/lab-fix-host';
import type { PowerShellHost } from '../powershell/powershell-host';
import { writeFileAtomic } from '../storage/atomic-file';

export interface FixHandlersConfig {
  userDataDir: string;
  scriptsDir: string;
  operator: () => string;
  host: () => Promise<PowerShellHost>;
  /** The demo lab's host: fixes on a simulated estate change the lab, never a server. */
  labHost: (name: string) => LabFixHost | undefined;
  recheck: (server: string, labName: string | null) => Promise<void>;
  chooseSaveFile: (suggestedName: string) => Promise<string | null>;
  now: () => Date;
  /** Resolves the firewall fix's host names to addresses while previewing (DNS unless given). */
  resolveHost?: HostResolver;
}

type FixHandlers = Pick<
  InvokeHandlers,
  | 'fixes:catalogue'
  | 'fixes:certificate-candidates'
  | 'fixes:preview'
  | 'fixes:undo-preview'
  | 'fixes:apply'
  | 'fixes:export'
>;

/** The catalogue as the window sees it: what each fix is, its risk and target, never its script. */
export function fixCatalogueForWindow() {
  return fixCatalogue.map((fix) => ({
    id: fix.id,
    title: fix.title,
    checkId: fix.checkId,
    risk: fix.risk,
    exposes: fix.exposes,
    saferAlternatives: [...fix.saferAlternatives],
    undoable: fix.undoable,
    target: fix.target,
  }));
}

interface HeldPlan {
  plan: FixPlan;
  lab: string | null;
}

/** The fix flow for the window: preview (kept in main), confirmation with risk acceptance, audited apply, undo, export. */
export function createFixHandlers(config: FixHandlersConfig): FixHandlers {
  const audit = new AuditLog(join(config.userDataDir, 'audit.jsonl'));
  const plans = new Map<string, HeldPlan>();
  const history = new RunHistory(config.userDataDir);

  const hold = (plan: FixPlan, lab: string | null) => {
    const previewId = randomUUID();
    plans.set(previewId, { plan, lab });
    const { preview } = plan;
    return {
      previewId,
      ...preview,
      saferAlternatives: [...preview.saferAlternatives],
      parameters: JSON.parse(JSON.stringify(preview.parameters)) as Record<string, never>,
      simulated: lab !== null,
    };
  };

  // The lab's servers resolve in the lab, never in DNS.
  const resolverFor = (labName: string | null): HostResolver => {
    if (labName === null) return config.resolveHost ?? dnsResolver;
    const lab = config.labHost(labName);
    return lab === undefined ? () => Promise.resolve([]) : labResolver(lab.estate());
  };

  return {
    'fixes:catalogue': () => Promise.resolve(fixCatalogueForWindow()),
    'fixes:certificate-candidates': async (request) => {
      const run = await history.open(request.runId);
      const facts = run.savedFacts.servers.find((server) => server.fqdn === request.server);
      if (facts?.status !== 'collected')
        throw new Error(`${request.server} was not collected in run ${request.runId}`);
      return listenerCertificateCandidates(facts, config.now());
    },
    'fixes:preview': async (request) => {
      const simulated = request.lab !== null;
      return hold(
        await planFix(request.fixId, request.server, request.parameters, config.scriptsDir, {
          facts: await latestServerFacts(history, request.server, simulated),
          syncFacts: await latestSyncServerFacts(history, request.server, simulated),
          resolveHost: resolverFor(request.lab),
        }),
        request.lab,
      );
    },
    'fixes:undo-preview': async (request) =>
      hold(await planUndo(request.auditId, audit, config.scriptsDir, { lab: request.lab }), request.lab),
    'fixes:apply': async (request, context) => {
      const held = plans.get(request.previewId);
      if (held === undefined) throw new Error('This preview is no longer known: preview the fix again.');
      plans.delete(request.previewId);
      const lab = held.lab === null ? undefined : config.labHost(held.lab);
      if (held.lab !== null && lab === undefined) throw new Error(`There is no lab "${held.lab}"`);
      const outcome = await applyFix(
        held.plan,
        { confirmed: request.confirmed, riskAccepted: request.riskAccepted },
        {
          host: lab?.host ?? (await config.host()),
          audit,
          operator: config.operator(),
          recheck: (server) => config.recheck(server, held.lab),
          simulated: lab !== undefined,
          lab: held.lab,
        },
        context.signal,
      );
      const { auditError, ...shown } = outcome;
      return {
        ...shown,
        // The window shows this line after the outcome: an unrecorded outcome must not pass unseen.
        recheckError: [outcome.recheckError, auditError].filter((text) => text !== null).join('; ') || null,
        before: (outcome.before ?? null) as never,
        after: (outcome.after ?? null) as never,
      };
    },
    'fixes:export': async (request) => {
      const selected = await Promise.all(
        request.fixes.map(async (item, index) =>
          planFix(item.fixId, item.server, item.parameters, config.scriptsDir, {
            facts: await latestServerFacts(history, item.server, false),
            resolveHost: config.resolveHost ?? dnsResolver,
          }).catch((error: unknown) => {
            // Name the field as the request holds it: fixes.<index>.parameters.<name>.
            if (!(error instanceof FixInputError)) throw error;
            const issues = error.issues.map((issue) => ({ ...issue, path: `fixes.${index}.${issue.path}` }));
            throw new FixInputError(`fixes.${index}: ${error.message}`, issues);
          }),
        ),
      );
      // Refused before the save dialog: nothing to save when the risk was not accepted.
      const refusal = exportRefusal(selected, { riskAccepted: request.riskAccepted });
      if (refusal !== null) throw new FixConsentError(`${refusal}; nothing was exported`);
      const path = await config.chooseSaveFile(
        `ExReady-fix-plan-${config.now().toISOString().slice(0, 10)}.ps1`,
      );
      if (path === null) return { saved: false, path: null };
      await writeFileAtomic(
        path,
        exportFixPlan(selected, config.now(), { riskAccepted: request.riskAccepted }),
      );
      return { saved: true, path };
    },
  };
}
