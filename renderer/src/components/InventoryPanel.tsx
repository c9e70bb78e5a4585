import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import { useAppStore } from '../store/app-store';
import { AddServersForm } from './AddServersForm';
import { EmptyInventory } from './EmptyInventory';
import { ServerList } from './ServerList';

/** The inventory: an invitation when empty, the server list once there are servers. */
export function InventoryPanel() {
  const inventory = useAppStore((s) => s.inventory);
  const error = useAppStore((s) => s.inventoryError);
  const [adding, setAdding] = useState(false);

  if (error !== null) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  }
  if (inventory === null) return <Spinner label="Reading the inventory…" />;

  const form = adding ? <AddServersForm onDone={() => setAdding(false)} /> : null;
  if (inventory.exchangeServers.length === 0) {
    return form ?? <EmptyInventory onAdd={() => setAdding(true)} />;
  }
  return (
    <>
      <ServerList servers={inventory.exchangeServers} onAdd={() => setAdding(true)} />
      {form}
    </>
  );
}
