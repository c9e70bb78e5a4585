import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title3,
  tokens,
} from '@fluentui/react-components';
import type { ExchangeServer } from '../../../shared/domain/inventory';
import { useAppStore } from '../store/app-store';

const useStyles = makeStyles({
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  table: { maxWidth: '900px', marginTop: tokens.spacingVerticalM },
});

export function ServerList({ servers, onAdd }: { servers: readonly ExchangeServer[]; onAdd: () => void }) {
  const styles = useStyles();
  const removeExchangeServer = useAppStore((s) => s.removeExchangeServer);
  const checkAll = useAppStore((s) => s.checkAll);
  return (
    <section aria-labelledby="servers-title">
      <div className={styles.heading}>
        <Title3 as="h2" id="servers-title">
          Exchange servers ({servers.length})
        </Title3>
        <Button appearance="primary" onClick={() => void checkAll(null)} disabled={servers.length === 0}>
          Check all
        </Button>
        <Button onClick={onAdd}>Add servers</Button>
      </div>
      <Table className={styles.table} aria-labelledby="servers-title">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Server</TableHeaderCell>
            <TableHeaderCell>Added</TableHeaderCell>
            <TableHeaderCell>Actions</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {servers.map((server) => (
            <TableRow key={server.fqdn}>
              <TableCell>{server.fqdn}</TableCell>
              <TableCell>{new Date(server.addedAt).toLocaleString()}</TableCell>
              <TableCell>
                <Button
                  appearance="subtle"
                  aria-label={`Remove ${server.fqdn}`}
                  onClick={() => void removeExchangeServer(server.fqdn)}
                >
                  Remove
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
