import { Body1, Button, Caption1, makeStyles, ProgressBar, Title3, tokens } from '@fluentui/react-components';
import { useAppStore } from '../store/app-store';

const useStyles = makeStyles({
  root: { maxWidth: '720px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** A running check: what it is doing, each server as it is collected, and a way to stop it. */
export function RunProgress() {
  const styles = useStyles();
  const check = useAppStore((s) => s.check);
  const cancelCheck = useAppStore((s) => s.cancelCheck);
  if (check === null) return null;
  const servers = Object.entries(check.servers);
  const value = check.total !== null && check.total > 0 ? check.done / check.total : undefined;
  return (
    <section className={styles.root} aria-labelledby="run-progress-title" aria-busy="true">
      <Title3 as="h2" id="run-progress-title">
        {check.title}
      </Title3>
      <ProgressBar
        value={value}
        thickness="large"
        aria-label={check.total === null ? 'Check progress' : `${check.done} of ${check.total} servers`}
      />
      <Body1 role="status" aria-live="polite">
        {check.total === null
          ? 'Starting…'
          : `${check.done} of ${check.total} servers checked${check.lastMessage ? ` · ${check.lastMessage}` : ''}`}
      </Body1>
      {servers.length > 0 && (
        <ul className={styles.list} aria-label="Servers so far">
          {servers.map(([server, state]) => (
            <li key={server}>
              <Caption1>
                {server}: {state}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.actions}>
        <Button onClick={() => void cancelCheck()} disabled={check.cancelling}>
          {check.cancelling ? 'Cancelling…' : 'Cancel'}
        </Button>
      </div>
    </section>
  );
}
