import { Button, Field, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { splitHostList } from '../../../shared/domain/hostname';
import { roleWording } from '../inventory/role-wording';
import { useAppStore } from '../store/app-store';
import type { ServerRole } from '../store/inventory-slice';
import { ProblemLines } from './ProblemLines';

const useStyles = makeStyles({
  form: {
    maxWidth: '640px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    marginTop: tokens.spacingVerticalL,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** Paste or type servers of one role; main validates every name and a refusal keeps the text for fixing. */
export function AddServersForm({ role, onDone }: { role: ServerRole; onDone: () => void }) {
  const styles = useStyles();
  const wording = roleWording[role];
  const addServers = useAppStore((s) => s.addServers);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  // The form opens on a click: the keyboard lands where the typing happens.
  useEffect(() => field.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fqdns = splitHostList(text);
    if (fqdns.length === 0) {
      setProblems(['Enter at least one fully qualified server name, e.g. exch01.contoso.com']);
      return;
    }
    setBusy(true);
    const result = await addServers(role, fqdns);
    setBusy(false);
    setProblems(result);
    if (result.length === 0) onDone();
  };

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} aria-label={wording.addButton}>
      <Field
        label={wording.fieldLabel}
        validationState={problems.length > 0 ? 'error' : 'none'}
        validationMessage={problems.length > 0 ? <ProblemLines problems={problems} /> : undefined}
      >
        <Textarea
          ref={field}
          value={text}
          onChange={(_event, data) => setText(data.value)}
          placeholder={wording.placeholder}
          resize="vertical"
          rows={5}
        />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          Add
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
