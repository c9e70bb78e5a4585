import { Body1, Button, makeStyles, Title2, tokens } from '@fluentui/react-components';
import { useAppStore } from '../store/app-store';

const useStyles = makeStyles({
  root: {
    maxWidth: '640px',
    margin: '10vh auto 0',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalL,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

export function EmptyInventory({ onAdd }: { onAdd: () => void }) {
  const styles = useStyles();
  const checkAll = useAppStore((s) => s.checkAll);
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
        <Button size="large" onClick={() => void checkAll('demo')}>
          Explore with a demo estate
        </Button>
      </div>
      <Body1>
        The demo estate is simulated: eight servers with typical problems, nothing real is touched.
      </Body1>
    </section>
  );
}
