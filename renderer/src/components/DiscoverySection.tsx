import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useAppStore } from '../store/app-store';
import type { DiscoveryState } from '../store/inventory-slice';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
  },
  text: { maxWidth: '720px' },
  skipped: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

function Outcome({ state }: { state: DiscoveryState }) {
  const styles = useStyles();
  switch (state.kind) {
    case 'idle':
      return null;
    case 'running':
      return <Spinner size="tiny" label="Reading Active Directory…" />;
    case 'done':
      return (
        <MessageBar intent={state.skipped.length > 0 ? 'warning' : 'success'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              Found {state.found} Exchange {state.found === 1 ? 'server' : 'servers'} in Active Directory
            </MessageBarTitle>
            {state.added} new {state.added === 1 ? 'server was' : 'servers were'} added
            {state.skipped.length > 0 ? `; ${state.skipped.length} skipped:` : '.'}
            {state.skipped.length > 0 && (
              <ul className={styles.skipped} aria-label="Servers skipped">
                {state.skipped.map((reason, index) => (
                  <li key={`${index}:${reason}`}>{reason}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      );
    case 'failed':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Discovery failed; the inventory is unchanged</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      );
  }
}

/** Lists the Exchange servers Active Directory knows, read with PowerShell on this jump host. */
export function DiscoverySection() {
  const styles = useStyles();
  const state = useAppStore((s) => s.discovery);
  const discover = useAppStore((s) => s.discoverExchangeServers);
  return (
    <section className={styles.section} aria-labelledby="discovery-title">
      <Title3 as="h2" id="discovery-title">
        Active Directory discovery
      </Title3>
      <Body1 className={styles.text}>
        Reads the Exchange servers registered in Active Directory with PowerShell on this jump host and adds
        the ones not listed yet.
      </Body1>
      <Button onClick={() => void discover()} disabledFocusable={state.kind === 'running'}>
        Discover from Active Directory
      </Button>
      <Outcome state={state} />
    </section>
  );
}
