import { Caption1, makeStyles, Subtitle1, tokens } from '@fluentui/react-components';
import { productName } from '../../../shared/product';
import { useAppStore } from '../store/app-store';
import { SimulatedBadge } from './SimulatedBadge';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  version: { marginLeft: 'auto', color: tokens.colorNeutralForeground3 },
});

export function AppHeader() {
  const styles = useStyles();
  const version = useAppStore((s) => s.appInfo?.version);
  return (
    <header className={styles.header}>
      <Subtitle1 as="h1">{productName}</Subtitle1>
      <Caption1>Exchange readiness for identity integrations</Caption1>
      <SimulatedBadge />
      {version !== undefined && <Caption1 className={styles.version}>Version {version}</Caption1>}
    </header>
  );
}
