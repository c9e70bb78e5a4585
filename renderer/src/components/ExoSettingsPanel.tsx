import { Body1, Button, Field, makeStyles, Subtitle2, Textarea, tokens } from '@fluentui/react-components';
import { useRef, useState, type ChangeEvent } from 'react';
import type { TenantEwsCheckOutcome } from '../../../shared/tenant/ews/ews-window-contract';
import { useAppStore } from '../store/app-store';
import { useCodeBlockStyles } from './code-block-styles';
import { CopyButton } from './CopyButton';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // Wrapped, not scrolled: the whole command stays readable and no scroll region needs a tab stop.
  command: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

type Said = { kind: 'refused'; message: string } | { kind: 'imported'; origin: string } | null;

/** The Exchange Online settings Graph cannot read: the read-only snippet to run, and the import of its output. */
export function ExoSettingsPanel({ outcome }: { outcome: TenantEwsCheckOutcome }) {
  const styles = useStyles();
  const code = useCodeBlockStyles();
  const importExoSettings = useAppStore((s) => s.importExoSettings);
  const readExoSettingsHere = useAppStore((s) => s.readExoSettingsHere);
  const busy = useAppStore((s) => s.ewsChecking);
  const [pasted, setPasted] = useState('');
  const [said, setSaid] = useState<Said>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (origin: string, text: string) => {
    const refused = await importExoSettings({ origin, text });
    setSaid(refused === null ? { kind: 'imported', origin } : { kind: 'refused', message: refused });
    if (refused === null) setPasted('');
  };
  const readHere = async () => {
    const refused = await readExoSettingsHere();
    setSaid(
      refused === null
        ? { kind: 'imported', origin: 'the output of the snippet run here' }
        : { kind: 'refused', message: refused },
    );
  };
  const picked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so picking the same file again (after fixing it) fires change again.
    event.target.value = '';
    if (file !== undefined) await submit(file.name, await file.text());
  };

  return (
    <section className={styles.root} aria-labelledby="ews-exo-title">
      <Subtitle2 as="h3" id="ews-exo-title">
        What Graph cannot read
      </Subtitle2>
      <Body1>
        EwsEnabled, EwsAllowedAppIDs, RBAC for Applications and application access policies live in Exchange
        Online only. Run this read-only snippet (Windows PowerShell 5.1 or 7, ExchangeOnlineManagement module)
        for this app and mailbox, then import the JSON it prints.
      </Body1>
      <pre className={`${code.block} ${styles.command}`} aria-label="Read-only snippet command">
        {outcome.snippetCommand}
      </pre>
      <div className={styles.actions}>
        <CopyButton text={outcome.snippetCommand} label="Copy command" what="the snippet command" />
        {/* Where ExchangeOnlineManagement is installed here: main runs the same snippet (sign-in included). */}
        <Button disabledFocusable={busy} onClick={() => void readHere()}>
          Read with ExchangeOnlineManagement
        </Button>
      </div>
      <Body1 role="status">
        {outcome.exo.state === 'read'
          ? `Exchange Online settings: ${outcome.exo.source}.`
          : 'Exchange Online settings: not read yet.'}
        {said?.kind === 'imported' ? ` Imported ${said.origin}: the checks were judged again.` : ''}
      </Body1>
      <Field
        label="The snippet's JSON output (paste it, or import the file)"
        validationState={said?.kind === 'refused' ? 'error' : 'none'}
        validationMessage={said?.kind === 'refused' ? said.message : undefined}
      >
        <Textarea
          value={pasted}
          onChange={(_event, data) => setPasted(data.value)}
          resize="vertical"
          spellCheck={false}
          placeholder='{ "format": "exready-exo-settings/1", … }'
        />
      </Field>
      <div className={styles.actions}>
        <Button
          disabledFocusable={busy || pasted.trim() === ''}
          onClick={() => void submit('pasted output', pasted)}
        >
          Import pasted output
        </Button>
        <Button disabledFocusable={busy} onClick={() => input.current?.click()}>
          Import output file…
        </Button>
        {/* The native input stays hidden; the button above is its keyboard-reachable face. */}
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          aria-label="Snippet output file to import"
          hidden
          onChange={(event) => void picked(event)}
        />
      </div>
    </section>
  );
}
