import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { InventoryPanel } from './components/InventoryPanel';
import { MfaChangeScreen } from './components/MfaChangeScreen';
import { ReadinessMatrix } from './components/ReadinessMatrix';
import { RunHistoryScreen } from './components/RunHistoryScreen';
import { RunBanners } from './components/RunBanners';
import { RunProgress } from './components/RunProgress';
import { SafeFixesScreen } from './components/SafeFixesScreen';
import { ServerDetail } from './components/ServerDetail';
import { StartupNotices } from './components/StartupNotices';
import { useAppStore } from './store/app-store';
import { useOsTheme } from './use-os-theme';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: {
    flex: 1,
    padding: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

/** Which screen: a server's web.config change, a server of the run, the run's matrix, or the inventory. */
function Screen() {
  const run = useAppStore((s) => s.run);
  const server = useAppStore((s) => s.selectedServer);
  const mfa = useAppStore((s) => s.mfa);
  const safeFixes = useAppStore((s) => s.safeFixes);
  const history = useAppStore((s) => s.showingHistory);
  if (history) return <RunHistoryScreen />;
  if (run !== null && mfa !== null) return <MfaChangeScreen run={run} flow={mfa} />;
  if (run !== null && safeFixes !== null) return <SafeFixesScreen flow={safeFixes} />;
  if (run !== null && server !== null) return <ServerDetail run={run} fqdn={server} />;
  if (run !== null) return <ReadinessMatrix run={run} />;
  return <InventoryPanel />;
}

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
    // The layout lives inside the provider: a className on it is copied onto every portal (menus, dialogs),
    // which made each one a full-window opaque layer.
    <FluentProvider theme={theme}>
      <div className={styles.root}>
        <AppHeader />
        <main className={styles.main}>
          <StartupNotices />
          <RunBanners />
          <RunProgress />
          <Screen />
        </main>
      </div>
    </FluentProvider>
  );
}
