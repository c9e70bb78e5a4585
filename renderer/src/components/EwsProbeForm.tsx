import { Body1, Button, Field, Input, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { TenantEwsCheckOutcome } from '../../../shared/tenant/ews/ews-window-contract';
import { useAppStore } from '../store/app-store';
import { probeSecretLabel } from '../tenant/ews-model';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  form: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  field: { minWidth: '320px' },
});

/** The ERP's Test button done properly: the typed secret goes to main for one call and is cleared here after it. */
export function EwsProbeForm({ outcome }: { outcome: TenantEwsCheckOutcome }) {
  const styles = useStyles();
  const probeEws = useAppStore((s) => s.probeEws);
  const busy = useAppStore((s) => s.ewsChecking);
  const probing = useAppStore((s) => s.ewsProbeOperation !== null);
  const cancelProbe = useAppStore((s) => s.cancelEwsProbe);
  const [cancelled, setCancelled] = useState(false);
  const [secret, setSecret] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const [ran, setRan] = useState(false);
  const label = probeSecretLabel(outcome.flow, outcome.account);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (secret === '') return setRefused(`type the ${label.toLowerCase()} first`);
    const typed = secret;
    // Cleared before the answer: the field never holds the secret longer than the call needs it.
    setSecret('');
    setCancelled(false);
    const answer = await probeEws(typed);
    setRefused(answer.kind === 'refused' ? answer.message : null);
    setRan(answer.kind === 'ran');
    setCancelled(answer.kind === 'cancelled');
  };

  return (
    <section className={styles.root} aria-labelledby="ews-probe-title">
      <Subtitle2 as="h3" id="ews-probe-title">
        End-to-end probe
      </Subtitle2>
      <Body1>
        Gets the token the ERP gets ({outcome.flow === 'delegated' ? 'password grant' : 'client credentials'}
        ), says what it carries, and reads the inbox of {outcome.mailbox} once through EWS.
        {outcome.simulated ? ' With the demo case it is simulated: nothing is sent anywhere.' : ''} What you
        type is used for that one call and never stored, shown or logged.
      </Body1>
      <form className={styles.form} onSubmit={(event) => void submit(event)} aria-label="Run the probe">
        <Field
          className={styles.field}
          label={label}
          validationState={refused === null ? 'none' : 'error'}
          validationMessage={refused ?? undefined}
        >
          <Input
            type="password"
            value={secret}
            onChange={(_event, data) => setSecret(data.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          Run the probe
        </Button>
        {probing && <Button onClick={() => void cancelProbe()}>Cancel the probe</Button>}
      </form>
      <Body1 role="status">
        {cancelled
          ? 'Cancelled: the probe was stopped before it read the inbox; its result is not known.'
          : ran && outcome.probed
            ? `The probe ran${outcome.simulated ? ' (simulated)' : ''}: see “End-to-end token and EWS probe” below.`
            : ''}
      </Body1>
    </section>
  );
}
