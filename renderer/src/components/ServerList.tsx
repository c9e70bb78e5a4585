import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState, type ReactNode } from 'react';
import type { ExchangeServer, SyncServer } from '../../../shared/domain/inventory';
import { roleWording, sourceLabels } from '../inventory/role-wording';
import { useAppStore } from '../store/app-store';
import type { ServerRole } from '../store/inventory-slice';
import { RemoveServerButton } from './RemoveServerButton';
import { AddServersForm } from './AddServersForm';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  table: { maxWidth: '900px' },
});

interface ServerListProps {
  role: ServerRole;
  servers: readonly (ExchangeServer | SyncServer)[];
  /** Opened from the empty state's "Add …" button: start with the form open. */
  initiallyAdding?: boolean;
  /** Buttons beside the heading that belong to this role only (e.g. Check all). */
  actions?: ReactNode;
}

/** The servers of one role: where each came from, remove one, add more by name. */
export function ServerList({ role, servers, initiallyAdding = false, actions }: ServerListProps) {
  const styles = useStyles();
  const wording = roleWording[role];
  const removeServer = useAppStore((s) => s.removeServer);
  const [adding, setAdding] = useState(initiallyAdding);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const titleId = `${role}-servers-title`;
  const showVersion = role === 'exchange';

  const closeForm = () => {
    setAdding(false);
    addButton.current?.focus();
  };
  const remove = async (fqdn: string) => setRemoveError(await removeServer(role, fqdn));

  return (
    <section className={styles.section} aria-labelledby={titleId}>
      <div className={styles.heading}>
        <Title3 as="h2" id={titleId}>
          {wording.title} ({servers.length})
        </Title3>
        {actions}
        <Button ref={addButton} onClick={() => setAdding(true)} aria-expanded={adding}>
          {wording.addButton}
        </Button>
      </div>
      {removeError !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{removeError}</MessageBarBody>
        </MessageBar>
      )}
      {servers.length === 0 ? (
        <Body1>{wording.none}</Body1>
      ) : (
        <Table className={styles.table} aria-labelledby={titleId} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Server</TableHeaderCell>
              {showVersion && <TableHeaderCell>Version</TableHeaderCell>}
              <TableHeaderCell>Source</TableHeaderCell>
              <TableHeaderCell>Added</TableHeaderCell>
              <TableHeaderCell>Actions</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {servers.map((server) => (
              <TableRow key={server.fqdn}>
                <TableCell>{server.fqdn}</TableCell>
                {showVersion && (
                  <TableCell>{'version' in server ? (server.version ?? 'Unknown') : 'Unknown'}</TableCell>
                )}
                <TableCell>{sourceLabels[server.source]}</TableCell>
                <TableCell>{new Date(server.addedAt).toLocaleString()}</TableCell>
                <TableCell>
                  <RemoveServerButton
                    fqdn={server.fqdn}
                    listName={wording.listName}
                    onRemove={() => void remove(server.fqdn)}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {adding && <AddServersForm role={role} onDone={closeForm} />}
    </section>
  );
}
