import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Inventory } from '../../../shared/domain/inventory';
import { useAppStore } from '../store/app-store';
import { CsvImportSection } from './CsvImportSection';
import { DiscoverySection } from './DiscoverySection';
import { EmptyInventory } from './EmptyInventory';
import { RunHistoryButton } from './RunHistoryButton';
import { ServerList } from './ServerList';
import { ServiceAccountForm } from './ServiceAccountForm';
import { ExchangeOnlineMailInventoryForm } from './ExchangeOnlineMailInventoryForm';
import { Microsoft365InventoryForm } from './Microsoft365InventoryForm';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXL,
    outlineStyle: 'none',
  },
});

/** How the empty state was left (to type Exchange servers, or to the whole inventory), or 'kept' once it held something. */
type Opened = 'none' | 'add-exchange' | 'inventory' | 'kept';

function isEmpty(inventory: Inventory): boolean {
  return (
    inventory.exchangeServers.length === 0 &&
    inventory.syncServers.length === 0 &&
    inventory.serviceAccount === null &&
    inventory.microsoft365 === undefined &&
    inventory.exchangeOnlineMail === undefined
  );
}

function InventoryScreen({ inventory, opened }: { inventory: Inventory; opened: Opened }) {
  const styles = useStyles();
  const checkAll = useAppStore((s) => s.checkAll);
  const root = useRef<HTMLDivElement>(null);

  // Leaving the empty state removes the focused button: the keyboard lands on the inventory instead.
  useEffect(() => {
    if (opened === 'inventory') root.current?.focus();
  }, [opened]);

  return (
    <div ref={root} className={styles.root} role="region" aria-label="Inventory" tabIndex={-1}>
      <ServerList
        role="exchange"
        servers={inventory.exchangeServers}
        initiallyAdding={opened === 'add-exchange'}
        actions={
          <>
            <Button
              appearance="primary"
              onClick={() => void checkAll(null)}
              disabled={inventory.exchangeServers.length === 0}
            >
              Check all
            </Button>
            {/* The demo estate stays one click away, whatever the inventory holds (Why 11). */}
            <Button onClick={() => void checkAll('demo')}>Load demo estate</Button>
            <RunHistoryButton onlyWithRuns />
          </>
        }
      />
      <ServerList role="sync" servers={inventory.syncServers} />
      <ServiceAccountForm current={inventory.serviceAccount} />
      <Microsoft365InventoryForm current={inventory.microsoft365} />
      <ExchangeOnlineMailInventoryForm current={inventory.exchangeOnlineMail} />
      <CsvImportSection />
      <DiscoverySection />
    </div>
  );
}

/** The inventory: an invitation when nothing is set yet, every section once something is or the admin asks. */
export function InventoryPanel() {
  const inventory = useAppStore((s) => s.inventory);
  const error = useAppStore((s) => s.inventoryError);
  const [opened, setOpened] = useState<Opened>('none');

  if (error !== null) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  }
  if (inventory === null) return <Spinner label="Reading the inventory…" />;
  // Removing the last entry keeps the inventory on screen rather than swapping in the invitation.
  if (opened === 'none' && !isEmpty(inventory)) setOpened('kept');
  if (opened === 'none' && isEmpty(inventory)) {
    return <EmptyInventory onAdd={() => setOpened('add-exchange')} onOpen={() => setOpened('inventory')} />;
  }
  return <InventoryScreen inventory={inventory} opened={opened} />;
}
