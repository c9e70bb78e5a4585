import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

type Said = { kind: 'copied' } | { kind: 'failed'; message: string } | null;

/** Copies text to the clipboard and says so (or why not) in a status line next to the button. */
export function CopyButton({ text, label, what }: { text: string; label: string; what: string }) {
  const styles = useStyles();
  const [said, setSaid] = useState<Said>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid({ kind: 'copied' });
    } catch (error) {
      setSaid({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <span className={styles.root}>
      <Button size="small" onClick={() => void copy()}>
        {label}
      </Button>
      <Caption1 role="status">
        {said === null
          ? ''
          : said.kind === 'copied'
            ? `Copied ${what} to the clipboard`
            : `Could not copy ${what}: ${said.message}`}
      </Caption1>
    </span>
  );
}
