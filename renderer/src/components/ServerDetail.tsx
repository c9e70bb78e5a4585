import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CheckResult } from '../../../shared/checks/check-result';
import { integrationOf, onPremisesIntegrations } from '../../../shared/readiness/integration';
import type { ServerReadiness } from '../../../shared/readiness/run-readiness';
import type { SavedRun } from '../../../shared/runs/run-records';
import type { ConnectionProofAnswer } from '../../../shared/prove/prove-contract';
import { checkColumn } from '../checks/check-columns';
import { needsCertificate } from '../checks/fix-parameters';
import { useAppStore } from '../store/app-store';
import { CheckResultCard } from './CheckResultCard';
import { FixPreviewDialog } from './FixPreviewDialog';
import { ProveConnection } from './ProveConnection';
import { ProveWeb } from './ProveWeb';
import { VerdictLabel } from './VerdictLabel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { ...typographyStyles.title3, margin: 0, outlineStyle: 'none', overflowWrap: 'anywhere' },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  groupHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  unread: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

// Blocking first: failed, then not read, then what works with a warning, then what passes or does not apply.
const order = { fail: 0, unknown: 1, warn: 2, pass: 3, 'n/a': 4 } as const;

const groupId = (integration: string) => `group-${integration.replace(/[^a-z0-9]/gi, '-')}`;

/** One server of the run, in the details pane: its verdicts, then its checks grouped by integration, blocking first. */
export function ServerDetail({
  run,
  fqdn,
  readiness,
}: {
  run: SavedRun;
  fqdn: string;
  readiness: ServerReadiness | undefined;
}) {
  const styles = useStyles();
  const openServer = useAppStore((s) => s.openServer);
  const startFix = useAppStore((s) => s.startFix);
  const fixOpen = useAppStore((s) => s.fix !== null);
  const openMfa = useAppStore((s) => s.openMfa);
  const checkAll = useAppStore((s) => s.checkAll);
  const focusRequest = useAppStore((s) => s.focusRequest);
  const inventory = useAppStore((s) => s.inventory);
  const title = useRef<HTMLHeadingElement>(null);
  const simulated = run.savedFacts.simulated === true;
  // The proof of this server, kept while it is open: its notes also show on the checks they concern.
  const [proof, setProof] = useState<{ fqdn: string; answer: ConnectionProofAnswer } | null>(null);
  const answer = proof?.fqdn === fqdn ? proof.answer : null;
  const notes = answer?.kind === 'proved' ? answer.notes : [];
  // The lab's sync servers are the run's own; a real proof offers the inventory's, then the run's.
  const runSyncServers = run.savedFacts.context.syncServers.map((item) => item.fqdn);
  const inventorySyncServers = inventory?.syncServers.map((item) => item.fqdn) ?? [];
  const syncServers = simulated || inventorySyncServers.length === 0 ? runSyncServers : inventorySyncServers;
  const serviceAccount = simulated
    ? run.savedFacts.context.serviceAccount
    : (inventory?.serviceAccount ?? run.savedFacts.context.serviceAccount);
  const facts = run.savedFacts.servers.find((entry) => entry.fqdn === fqdn);
  const unreachable = facts?.status === 'unreachable';
  const mfaCollected = facts?.status === 'collected' && facts.mfa?.status === 'collected';
  const groups = useMemo(() => {
    const results = [...(run.results.find((entry) => entry.fqdn === fqdn)?.results ?? [])].sort(
      (a, b) => order[a.status] - order[b.status],
    );
    return onPremisesIntegrations.map((integration) => ({
      integration,
      verdict: readiness?.verdicts.find((verdict) => verdict.integration === integration),
      results: results.filter((result) => integrationOf(result.checkId) === integration),
    }));
  }, [run, fqdn, readiness]);

  // Opening a server (or re-checking it) moves focus to its heading, as the grid pattern's details pane expects.
  useEffect(() => {
    if (focusRequest?.target === 'details') title.current?.focus({ preventScroll: true });
  }, [focusRequest, fqdn]);

  // The dialog has no trigger element to restore focus to: the Fix button that opened it takes focus back.
  const fixOpener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (fixOpen) return;
    const opener = fixOpener.current;
    fixOpener.current = null;
    if (opener === null) return;
    if (opener.isConnected) opener.focus();
    else title.current?.focus({ preventScroll: true });
  }, [fixOpen]);

  const fix = (result: CheckResult) => {
    fixOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (result.fixId === undefined) return;
    startFix({
      fixId: result.fixId,
      server: fqdn,
      checkId: result.checkId,
      needsChoice: needsCertificate(result.fixId) !== null,
    });
  };

  return (
    <section className={styles.root} aria-labelledby="server-title">
      <div className={styles.heading}>
        <h2 id="server-title" ref={title} tabIndex={-1} className={styles.title}>
          {fqdn}
        </h2>
        <Button
          appearance="primary"
          onClick={() => void checkAll(run.savedFacts.simulated === true ? 'demo' : null, fqdn)}
        >
          Check this server again
        </Button>
        <Button
          disabled={!mfaCollected}
          onClick={() => openMfa(fqdn)}
          aria-describedby={mfaCollected ? undefined : 'mfa-unavailable'}
        >
          MFA module web.config
        </Button>
        <Button appearance="subtle" onClick={() => openServer(null)}>
          Close details
        </Button>
      </div>
      <ProveConnection
        fqdn={fqdn}
        syncServers={syncServers}
        serviceAccount={serviceAccount}
        lab={simulated ? 'demo' : null}
        answer={answer}
        onAnswer={(next) => setProof(next === null ? null : { fqdn, answer: next })}
      />
      <ProveWeb fqdn={fqdn} lab={simulated ? 'demo' : null} />
      {!mfaCollected && (
        <Body1 id="mfa-unavailable">
          The MFA facts of this server were not collected: check it again first.
        </Body1>
      )}
      {facts?.status === 'unreachable' && (
        // One statement of why, instead of the same reason on every check card.
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {fqdn} could not be reached ({facts.failure.cause})
            </MessageBarTitle>
            <div>What to do: {facts.failure.remedy}</div>
            <div>PowerShell said: {facts.failure.message}</div>
          </MessageBarBody>
        </MessageBar>
      )}
      {groups.map((group) => (
        <section
          key={group.integration}
          className={styles.group}
          aria-labelledby={groupId(group.integration)}
        >
          <div className={styles.groupHead}>
            <Subtitle2 as="h3" id={groupId(group.integration)}>
              {group.integration}
            </Subtitle2>
            {group.verdict !== undefined && <VerdictLabel verdict={group.verdict} />}
          </div>
          {unreachable ? (
            // The banner said why once; the checks it left unread are named, not repeated as cards.
            <>
              <Body1>{group.results.length} checks could not be read:</Body1>
              <ul className={styles.unread}>
                {group.results.map((result) => (
                  <li key={result.checkId}>{checkColumn(result.checkId).title}</li>
                ))}
              </ul>
            </>
          ) : (
            group.results.map((result) => (
              <CheckResultCard
                key={result.checkId}
                column={checkColumn(result.checkId)}
                result={result}
                onFix={fix}
                proofNotes={notes.filter((note) => note.checkId === result.checkId)}
              />
            ))
          )}
        </section>
      ))}
      {fixOpen && <FixPreviewDialog run={run} />}
    </section>
  );
}
