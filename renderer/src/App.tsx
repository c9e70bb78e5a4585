import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { InventoryPanel } from './components/InventoryPanel';
import { useAppStore } from './store/app-store';
import { useOsTheme } from './use-os-theme';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: { flex: 1, padding: tokens.spacingHorizontalXXL },
});

export function App() {
  const styles = useStyles();
  const theme = useOsTheme();
  const loadAppInfo = useAppStore((s) => s.loadAppInfo);
  const loadInventory = useAppStore((s) => s.loadInventory);

  useEffect(() => {
    void loadAppInfo();
    void loadInventory();
  }, [loadAppInfo, loadInventory]);

  return (
    <FluentProvider theme={theme} className={styles.root}>
      <AppHeader />
      <main className={styles.main}>
        <InventoryPanel />
      </main>
    </FluentProvider>
  );
}
