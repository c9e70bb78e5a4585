import {
  Body1,
  Button,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ExchangeOnlineMailInventory } from '../../../shared/domain/inventory';
import { useAppStore } from '../store/app-store';
import type { Microsoft365Problems } from '../store/inventory-slice';
import { fieldProblemProps, ProblemLines } from './ProblemLines';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type Flow = ExchangeOnlineMailInventory['flow'];

/** The ERP that reads mail through Exchange Online EWS (issue #15); main validates every field. */
export function ExchangeOnlineMailInventoryForm({
  current,
}: {
  current: ExchangeOnlineMailInventory | undefined;
}) {
  const styles = useStyles();
  const setExchangeOnlineMail = useAppStore((s) => s.setExchangeOnlineMail);
  const [clientId, setClientId] = useState(current?.clientId ?? '');
  const [flow, setFlow] = useState<Flow>(current?.flow ?? 'app-only');
  const [mailbox, setMailbox] = useState(current?.mailbox ?? '');
  const [account, setAccount] = useState(current?.account ?? '');
  const [problems, setProblems] = useState<Microsoft365Problems>({});
  const [busy, setBusy] = useState(false);

  const field = (name: string) => fieldProblemProps(problems, name);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const trimmedAccount = account.trim();
    setProblems(
      await setExchangeOnlineMail({
        clientId: clientId.trim(),
        flow,
        mailbox: mailbox.trim(),
        // App-only signs in as the app itself: no account is kept for it.
        account: flow === 'delegated' && trimmedAccount !== '' ? trimmedAccount : null,
      }),
    );
    setBusy(false);
  };
  const remove = async () => {
    setBusy(true);
    const result = await setExchangeOnlineMail(null);
    setBusy(false);
    setProblems(result);
    if (Object.keys(result).length > 0) return;
    setClientId('');
    setFlow('app-only');
    setMailbox('');
    setAccount('');
  };

  return (
    <section className={styles.section} aria-labelledby="exchange-online-mail-inventory-title">
      <Title3 as="h2" id="exchange-online-mail-inventory-title">
        Exchange Online mail (the ERP)
      </Title3>
      {/* A live region: saving or removing is confirmed by this line changing. */}
      <Body1 role="status">
        {current === undefined
          ? 'No ERP set yet: the Exchange Online mail checks need its app, flow and test mailbox.'
          : `The Exchange Online mail checks read the ERP app ${current.clientId} (${current.flow}), mailbox ${current.mailbox}.`}
      </Body1>
      {(problems[''] ?? []).length > 0 && <ProblemLines problems={problems[''] ?? []} />}
      {/* noValidate: main judges every field (one schema), and its refusal shows beside the field. */}
      <form
        className={styles.form}
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Set the ERP's Exchange Online mail"
      >
        <Field label="ERP app's client id (application id)" required {...field('clientId')}>
          <Input
            value={clientId}
            onChange={(_event, data) => setClientId(data.value)}
            placeholder="00000000-0000-0000-0000-000000000000"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field label="How the ERP signs in" required {...field('flow')}>
          <RadioGroup value={flow} onChange={(_event, data) => setFlow(data.value as Flow)}>
            <Radio value="app-only" label="App-only (client secret, full_access_as_app)" />
            <Radio value="delegated" label="Delegated (user name and password, EWS.AccessAsUser.All)" />
          </RadioGroup>
        </Field>
        <Field label="Test mailbox (primary SMTP address)" required {...field('mailbox')}>
          <Input
            value={mailbox}
            onChange={(_event, data) => setMailbox(data.value)}
            placeholder="erp@contoso.com"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        {flow === 'delegated' && (
          <Field label="ERP account (user principal name)" required {...field('account')}>
            <Input
              value={account}
              onChange={(_event, data) => setAccount(data.value)}
              placeholder="erp@contoso.com"
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
        )}
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabledFocusable={busy}>
            Save ERP
          </Button>
          {current !== undefined && (
            <Button onClick={() => void remove()} disabledFocusable={busy}>
              Remove ERP
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
