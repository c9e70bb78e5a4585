import { Button, Field, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { splitHostList } from '../../../shared/domain/hostname';
import { useAppStore } from '../store/app-store';

const useStyles = makeStyles({
  form: {
    maxWidth: '640px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    marginTop: tokens.spacingVerticalXL,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function AddServersForm({ onDone }: { onDone: () => void }) {
  const styles = useStyles();
  const addExchangeServers = useAppStore((s) => s.addExchangeServers);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fqdns = splitHostList(text);
    if (fqdns.length === 0) {
      setProblems(['Enter at least one fully qualified server name, e.g. exch01.contoso.com']);
      return;
    }
    setBusy(true);
    const result = await addExchangeServers(fqdns);
    setBusy(false);
    setProblems(result);
    if (result.length === 0) onDone();
  };

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} aria-label="Add Exchange servers">
      <Field
        label="Exchange server FQDNs, one per line"
        validationState={problems.length > 0 ? 'error' : 'none'}
        validationMessage={problems.length > 0 ? problems.join(' · ') : undefined}
      >
        <Textarea
          value={text}
          onChange={(_event, data) => setText(data.value)}
          placeholder={'exch01.contoso.com\nexch02.contoso.com'}
          resize="vertical"
          rows={5}
        />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          Add
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
