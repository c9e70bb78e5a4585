import { Body1, Button, Field, Input, makeStyles, Title3, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../store/app-store';
import { ProblemLines } from './ProblemLines';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** The account the sync service connects as; main validates it and a refusal keeps what was typed. */
export function ServiceAccountForm({ current }: { current: string | null }) {
  const styles = useStyles();
  const setServiceAccount = useAppStore((s) => s.setServiceAccount);
  const [text, setText] = useState(current ?? '');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const save = async (account: string | null) => {
    setBusy(true);
    const result = await setServiceAccount(account);
    setBusy(false);
    setProblems(result);
    if (result.length === 0 && account === null) setText('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (text.trim() === '') {
      setProblems(['Enter the account as DOMAIN\\name or name@domain, e.g. CONTOSO\\svc-sync']);
      return;
    }
    void save(text);
  };

  return (
    <section className={styles.section} aria-labelledby="service-account-title">
      <Title3 as="h2" id="service-account-title">
        Service account
      </Title3>
      {/* A live region: saving or clearing is confirmed by this line changing. */}
      <Body1 role="status">
        {current === null ? 'No service account set yet.' : `The sync service connects as ${current}.`}
      </Body1>
      <form className={styles.form} onSubmit={submit} aria-label="Set the service account">
        <Field
          label="Service account (DOMAIN\name or name@domain)"
          validationState={problems.length > 0 ? 'error' : 'none'}
          validationMessage={problems.length > 0 ? <ProblemLines problems={problems} /> : undefined}
        >
          <Input
            value={text}
            onChange={(_event, data) => setText(data.value)}
            placeholder="CONTOSO\svc-sync"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabledFocusable={busy}>
            Save service account
          </Button>
          {current !== null && (
            <Button onClick={() => void save(null)} disabledFocusable={busy}>
              Clear
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
