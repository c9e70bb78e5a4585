import { Body1, Button, Link, makeStyles, Title2, tokens } from '@fluentui/react-components';
import { useAppStore } from '../store/app-store';
import { CsvImportButton } from './CsvImportButton';
import { RunHistoryButton } from './RunHistoryButton';

const useStyles = makeStyles({
  root: {
    maxWidth: '720px',
    margin: '10vh auto 0',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalL,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

interface EmptyInventoryProps {
  /** Opens the inventory with the Exchange servers form ready for typing. */
  onAdd: () => void;
  /** Opens the inventory: sync servers, the service account, import and discovery outcomes. */
  onOpen: () => void;
}

export function EmptyInventory({ onAdd, onOpen }: EmptyInventoryProps) {
  const styles = useStyles();
  const checkAll = useAppStore((s) => s.checkAll);
  const discover = useAppStore((s) => s.discoverExchangeServers);
  return (
    <section className={styles.root} aria-labelledby="empty-inventory-title">
      <Title2 as="h2" id="empty-inventory-title">
        No Exchange servers yet
      </Title2>
      <Body1>
        Add the Exchange servers of your estate. ExReady checks each one for Remote PowerShell provisioning
        and the MFA module for OWA and ECP, shows what is missing, and fixes it with your confirmation.
      </Body1>
      <div className={styles.actions}>
        <Button appearance="primary" size="large" onClick={onAdd}>
          Add Exchange servers
        </Button>
        <CsvImportButton size="large" onPicked={onOpen} />
        <Button
          size="large"
          onClick={() => {
            onOpen();
            void discover();
          }}
        >
          Discover from Active Directory
        </Button>
        <Button size="large" onClick={() => void checkAll('demo')}>
          Explore with a demo estate
        </Button>
        <RunHistoryButton onlyWithRuns />
      </div>
      <Link as="button" onClick={onOpen}>
        Set up sync servers and the service account
      </Link>
      <Body1>
        The demo estate is simulated: eight servers with typical problems, nothing real is touched.
      </Body1>
    </section>
  );
}
