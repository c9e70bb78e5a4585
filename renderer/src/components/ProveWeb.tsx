import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { WebProofAnswer } from '../../../shared/prove/prove-contract';
import { exreadyApi } from '../bridge/exready-api';
import { newOperationId } from '../store/operation-id';
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
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** "Prove OWA/ECP": the probe of https://<server>/owa/ and /ecp/ from the jump host, on demand, audited. */
export function ProveWeb({ fqdn, lab }: { fqdn: string; lab: 'demo' | null }) {
  const styles = useStyles();
  const [answer, setAnswer] = useState<WebProofAnswer | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announced, setAnnounced] = useState('');

  useEffect(() => {
    setAnswer(null);
    setError(null);
    setAnnounced('');
  }, [fqdn]);

  const prove = async () => {
    setRunning(true);
    setError(null);
    setAnnounced('Probing OWA and ECP…');
    try {
      const result = await exreadyApi().proveWeb({ operationId: newOperationId(), server: fqdn, lab });
      setAnswer(result);
      setAnnounced(`OWA/ECP probe ${result.result.status}: ${result.summary}`);
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : String(caught);
      setError(message);
      setAnnounced(`The OWA/ECP probe could not run: ${message}`);
    } finally {
      setRunning(false);
    }
  };

  const result = answer?.result;
  return (
    <section className={styles.root} aria-label={`OWA and ECP of ${fqdn}`}>
      <div className={styles.head}>
        <Button onClick={() => void prove()} disabled={running}>
          Prove OWA/ECP
        </Button>
        {running && <Spinner size="tiny" label="Probing…" />}
      </div>
      <div role="status" aria-live="polite" aria-label={`OWA/ECP probe of ${fqdn}`}>
        {announced}
      </div>
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>The OWA/ECP probe could not run: {error}</MessageBarBody>
        </MessageBar>
      )}
      {result !== undefined && answer !== null && (
        <>
          <div className={styles.head}>
            <Subtitle2 as="h4">OWA/ECP probe from this machine</Subtitle2>
            <StatusLabel status={result.status} />
            {result.simulated && (
              <Badge appearance="tint" color="warning">
                SIMULATED
              </Badge>
            )}
          </div>
          <table className={styles.table} aria-label={`OWA/ECP probe of ${fqdn}`}>
            <thead>
              <tr>
                <th scope="col" className={styles.cell}>
                  App
                </th>
                <th scope="col" className={styles.cell}>
                  Outcome
                </th>
                <th scope="col" className={styles.cell}>
                  Class
                </th>
                <th scope="col" className={styles.cell}>
                  What it means
                </th>
              </tr>
            </thead>
            <tbody>
              {result.apps.map((probe) => (
                <tr key={probe.app}>
                  <th scope="row" className={styles.cell}>
                    {probe.app}
                    <div className={styles.mono}>{probe.url}</div>
                  </th>
                  <td className={styles.cell}>
                    <StatusLabel status={probe.status} />
                  </td>
                  <td className={styles.cell}>{probe.probeClass}</td>
                  <td className={styles.cell}>
                    <div>{probe.meaning}</div>
                    {probe.hops.map((hop) => (
                      <div key={`${hop.url}-${hop.httpStatus}`} className={styles.mono}>
                        {hop.url} → {hop.httpStatus}
                        {hop.location === null ? '' : ` ${hop.location}`}
                      </div>
                    ))}
                    {probe.error !== null && (
                      <div className={styles.mono}>
                        error {probe.error.code}: {probe.error.message}
                      </div>
                    )}
                    {probe.status !== 'pass' && <div>Remedy: {probe.remedy}</div>}
                  </td>
                </tr>
              ))}
              {result.health.map((item) => (
                <tr key={`health-${item.app}`}>
                  <th scope="row" className={styles.cell}>
                    {item.app} health check
                    <div className={styles.mono}>{item.url}</div>
                  </th>
                  <td className={styles.cell}>
                    <StatusLabel status={item.status} />
                  </td>
                  <td className={styles.cell}>
                    {item.httpStatus === null ? (item.error?.code ?? 'no answer') : `HTTP ${item.httpStatus}`}
                  </td>
                  <td className={styles.cell}>{item.excerpt ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div>Audit entry {answer.auditId}.</div>
        </>
      )}
    </section>
  );
}
