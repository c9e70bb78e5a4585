import {
  Body1,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ExreadyCallError } from '../../../shared/ipc/call-error';
import type { ConnectionProofAnswer } from '../../../shared/prove/prove-contract';
import { exreadyApi } from '../bridge/exready-api';
import { newOperationId } from '../store/operation-id';
import { ProofResult, proofSentence } from './ProofResult';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, gridColumn: '1 / -1' },
});

const fieldError = (error: unknown, field: string): string | undefined =>
  error instanceof ExreadyCallError ? error.issues.find((issue) => issue.path === field)?.message : undefined;

/**
 * The Prove button of one server: a small form (sync server, account, password, second hop), then the proof's
 * hops in the details pane. The password lives in this form only until the call is made.
 */
export function ProveConnection({
  fqdn,
  syncServers,
  serviceAccount,
  lab,
  answer,
  onAnswer,
}: {
  fqdn: string;
  syncServers: readonly string[];
  serviceAccount: string | null;
  lab: 'demo' | null;
  answer: ConnectionProofAnswer | null;
  onAnswer: (answer: ConnectionProofAnswer | null) => void;
}) {
  const styles = useStyles();
  const opener = useRef<HTMLButtonElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const [open, setOpen] = useState(false);
  const [syncServer, setSyncServer] = useState(syncServers[0] ?? '');
  const [account, setAccount] = useState(serviceAccount ?? '');
  const [password, setPassword] = useState('');
  const [secondHop, setSecondHop] = useState(`http://${fqdn}/PowerShell`);
  const [running, setRunning] = useState(false);
  // The running proof's operation id, so Cancel stops that proof (main kills its process).
  const operation = useRef<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [announced, setAnnounced] = useState('');

  // Another server opened in the pane: its own defaults, and no password carried over.
  useEffect(() => {
    setOpen(false);
    setPassword('');
    setSecondHop(`http://${fqdn}/PowerShell`);
    setError(null);
    setAnnounced('');
  }, [fqdn]);
  const firstSync = syncServers[0] ?? '';
  useEffect(() => setSyncServer((current) => current || firstSync), [firstSync]);
  useEffect(() => setAccount((current) => current || (serviceAccount ?? '')), [serviceAccount]);
  useEffect(() => {
    if (open) firstField.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setPassword('');
    opener.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRunning(true);
    setError(null);
    setAnnounced('Proving…');
    const typed = password;
    // Cleared as soon as the call holds it: the form never keeps the password past the proof.
    setPassword('');
    const operationId = newOperationId();
    operation.current = operationId;
    try {
      const result = await exreadyApi().proveConnection({
        operationId,
        exchangeServer: fqdn,
        syncServer,
        serviceAccount: account,
        password: lab === null ? typed : '',
        secondHop: secondHop.trim() === '' ? null : secondHop,
        lab,
      });
      onAnswer(result);
      setAnnounced(proofSentence(result));
      setOpen(false);
      opener.current?.focus();
    } catch (caught) {
      if (caught instanceof ExreadyCallError && caught.code === 'cancelled') {
        onAnswer(null);
        setAnnounced('Cancelled: the proof was stopped before it finished; nothing was proved.');
        return;
      }
      const refused = caught instanceof Error ? caught : new Error(String(caught));
      setError(refused);
      setAnnounced(`The proof was refused: ${refused.message}`);
    } finally {
      operation.current = null;
      setRunning(false);
      setCancelling(false);
    }
  };

  const cancelProof = async () => {
    const operationId = operation.current;
    if (operationId === null) return;
    setCancelling(true);
    await exreadyApi().cancelOperation({ operationId });
  };

  const generic =
    error !== null && !(error instanceof ExreadyCallError && error.issues.length > 0) ? error.message : null;

  return (
    <section className={styles.root} aria-label={`Prove the sync service's path to ${fqdn}`}>
      <div>
        <Button
          ref={opener}
          aria-expanded={open}
          aria-controls="prove-form"
          onClick={() => (open ? close() : setOpen(true))}
        >
          Prove
        </Button>
      </div>
      {open && (
        <form
          id="prove-form"
          className={styles.form}
          aria-label={`Prove the Remote PowerShell path to ${fqdn}`}
          onSubmit={(event) => void submit(event)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
        >
          <Body1 style={{ gridColumn: '1 / -1' }}>
            From the sync server, as the service account: hop 1 opens WinRM HTTPS 5986 to {fqdn}; inside it,
            hop 2 opens the Exchange endpoint with Kerberos and runs Get-ExchangeServer. Nothing is changed
            {lab === null ? '' : '; in the demo estate every outcome is simulated'}.
          </Body1>
          <Field label="Sync server" required validationMessage={fieldError(error, 'syncServer')}>
            <Select ref={firstField} value={syncServer} onChange={(_, data) => setSyncServer(data.value)}>
              {syncServers.length === 0 && <option value="">(no sync server in the inventory)</option>}
              {syncServers.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Service account" required validationMessage={fieldError(error, 'serviceAccount')}>
            <Input
              value={account}
              onChange={(_, data) => setAccount(data.value)}
              placeholder="CONTOSO\svc-sync"
            />
          </Field>
          <Field
            label="Service account's password"
            required={lab === null}
            hint={
              lab === null
                ? 'Used for this proof only: never saved, logged or shown again.'
                : 'Not needed: the demo estate is simulated.'
            }
            validationMessage={fieldError(error, 'password')}
          >
            <Input
              type="password"
              autoComplete="off"
              disabled={lab !== null}
              value={password}
              onChange={(_, data) => setPassword(data.value)}
            />
          </Field>
          <Field
            label="Second hop's endpoint"
            hint="The Exchange Management Shell endpoint the second connection opens."
            validationMessage={fieldError(error, 'secondHop')}
          >
            <Input value={secondHop} onChange={(_, data) => setSecondHop(data.value)} />
          </Field>
          <div className={styles.actions}>
            <Button appearance="primary" type="submit" disabled={running}>
              Run the proof
            </Button>
            {running ? (
              <Button onClick={() => void cancelProof()} disabled={cancelling}>
                Cancel the proof
              </Button>
            ) : (
              <Button onClick={close}>Cancel</Button>
            )}
            {running && <Spinner size="tiny" label={cancelling ? 'Cancelling…' : 'Proving…'} />}
          </div>
        </form>
      )}
      {generic !== null && (
        <MessageBar intent="error">
          <MessageBarBody>The proof was refused: {generic}</MessageBarBody>
        </MessageBar>
      )}
      <div role="status" aria-live="polite" aria-label={`Proof of ${fqdn}`}>
        {announced}
      </div>
      {answer !== null && answer.kind !== 'proved' && (
        <MessageBar intent="error">
          <MessageBarBody>
            The proof did not run ({answer.kind}): {answer.error} (audit entry {answer.auditId})
          </MessageBarBody>
        </MessageBar>
      )}
      {answer !== null && answer.kind === 'proved' && <ProofResult answer={answer} />}
    </section>
  );
}
