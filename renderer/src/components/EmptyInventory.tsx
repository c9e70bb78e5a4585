import { Body1, Button, makeStyles, Title2, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    maxWidth: '640px',
    margin: '10vh auto 0',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalL,
  },
});

export function EmptyInventory({ onAdd }: { onAdd: () => void }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="empty-inventory-title">
      <Title2 as="h2" id="empty-inventory-title">
        No Exchange servers yet
      </Title2>
      <Body1>
        Add the Exchange servers of your estate. ExReady checks each one for Remote PowerShell provisioning
        and the MFA module for OWA and ECP, shows what is missing, and fixes it with your confirmation.
      </Body1>
      <Button appearance="primary" size="large" onClick={onAdd}>
        Add Exchange servers
      </Button>
    </section>
  );
}
