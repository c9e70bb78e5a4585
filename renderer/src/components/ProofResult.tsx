import { Badge, Body1, makeStyles, mergeClasses, Subtitle2, tokens } from '@fluentui/react-components';
import type { ConnectionProofAnswer, ProvedHop } from '../../../shared/prove/prove-contract';
import { checkColumn } from '../checks/check-columns';
import { StatusLabel } from './StatusLabel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase300 },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
  },
  nowrap: { whiteSpace: 'nowrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** The hops as the sync service takes them, in the admin's words. */
export const hopNames: Record<ProvedHop['hop'], string> = {
  'sync-server': 'Reach the sync server',
  'winrm-https': 'Hop 1: WinRM HTTPS 5986',
  'exchange-endpoint': 'Hop 2: Exchange endpoint (Kerberos)',
  'exchange-cmdlet': 'Get-ExchangeServer',
};

const outcomeWords = { succeeded: 'Succeeded', failed: 'Failed', 'not-run': 'Not run' } as const;

/** One line for the live region: the outcome and, when it failed, the first hop that did and why. */
export function proofSentence(answer: ConnectionProofAnswer): string {
  if (answer.kind !== 'proved') return `The proof did not run: ${answer.error}`;
  const label = answer.simulated ? ' (simulated)' : '';
  const failed = answer.hops.find((hop) => hop.outcome === 'failed');
  if (failed === undefined) return `Proof succeeded${label}: every hop worked.`;
  return `Proof failed${label}: ${hopNames[failed.hop]} failed because ${failed.failure?.label ?? 'of an unrecognised error'}.`;
}

function HopRow({ hop }: { hop: ProvedHop }) {
  const styles = useStyles();
  return (
    <tr>
      <th scope="row" className={styles.cell}>
        {hopNames[hop.hop]}
        <div className={styles.mono}>{hop.target}</div>
      </th>
      <td className={styles.cell}>
        <StatusLabel
          status={hop.outcome === 'succeeded' ? 'pass' : hop.outcome === 'failed' ? 'fail' : 'n/a'}
          label={outcomeWords[hop.outcome]}
        />
      </td>
      <td className={mergeClasses(styles.cell, styles.nowrap)}>
        {hop.outcome === 'not-run' ? '' : `${hop.durationMs} ms`}
      </td>
      <td className={styles.cell}>
        {hop.error !== null && (
          <>
            <div>
              Because {hop.failure?.label ?? 'of an unrecognised error'} [{hop.failure?.id ?? 'unrecognised'}]
            </div>
            <div className={styles.mono}>
              {[hop.error.fullyQualifiedErrorId, hop.error.message].filter(Boolean).join(' · ')}
            </div>
            {hop.failure !== null && <div>Remedy: {hop.failure.remedy}</div>}
            {hop.failure !== null && hop.failure.predictedBy.length > 0 && (
              <div>Predicted by: {hop.failure.predictedBy.join(', ')}</div>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

/** A Remote PowerShell proof: each hop, the delegation it proved, and the checks it confirms or contradicts. */
export function ProofResult({ answer }: { answer: ConnectionProofAnswer & { kind: 'proved' } }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="proof-result-title">
      <div className={styles.head}>
        <Subtitle2 as="h4" id="proof-result-title">
          Proof from {answer.syncServer} as {answer.serviceAccount}
        </Subtitle2>
        <StatusLabel
          status={answer.outcome === 'succeeded' ? 'pass' : 'fail'}
          label={answer.outcome === 'succeeded' ? 'Proof succeeded' : 'Proof failed'}
        />
        {answer.simulated && (
          <Badge appearance="tint" color="warning">
            SIMULATED
          </Badge>
        )}
      </div>
      <table className={styles.table} aria-label={`Hops of the proof of ${answer.exchangeServer}`}>
        <thead>
          <tr>
            <th scope="col" className={styles.cell}>
              Hop
            </th>
            <th scope="col" className={styles.cell}>
              Outcome
            </th>
            <th scope="col" className={mergeClasses(styles.cell, styles.nowrap)}>
              Time
            </th>
            <th scope="col" className={styles.cell}>
              Error and remedy
            </th>
          </tr>
        </thead>
        <tbody>
          {answer.hops.map((hop) => (
            <HopRow key={hop.hop} hop={hop} />
          ))}
        </tbody>
      </table>
      {answer.exchangeServerSeen !== null && (
        <Body1>
          Exchange answered: {answer.exchangeServerSeen.name} {answer.exchangeServerSeen.version ?? ''}
        </Body1>
      )}
      <Body1>Delegation: {answer.delegation.text}</Body1>
      {answer.delegationVerdict !== null && (
        <Body1>
          ad.delegation with this proof: {answer.delegationVerdict.status}: {answer.delegationVerdict.summary}
        </Body1>
      )}
      {answer.notes.length > 0 && (
        <>
          <Subtitle2 as="h5">Checks this proof confirms or contradicts</Subtitle2>
          <ul className={styles.list} aria-label="Checks this proof confirms or contradicts">
            {answer.notes.map((note) => (
              <li key={`${note.checkId}-${note.hop}-${note.relation}`}>
                {checkColumn(note.checkId).title} ({note.checkId}, {note.checkStatus}):{' '}
                {note.relation === 'contradicts' ? 'CONTRADICTED' : 'confirmed'}. {note.text}
              </li>
            ))}
          </ul>
        </>
      )}
      <Body1>Audit entry {answer.auditId}.</Body1>
    </section>
  );
}
