import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { AppHeader } from './components/AppHeader';
import { AppNavigation } from './components/AppNavigation';
import { InventoryPanel } from './components/InventoryPanel';
import { MfaChangeScreen } from './components/MfaChangeScreen';
import { ChangesView, NoRunYet, ReportsView } from './components/PlaceViews';
import { ReadinessView } from './components/ReadinessView';
import { RunHistoryScreen } from './components/RunHistoryScreen';
import { RunBanners } from './components/RunBanners';
import { RunProgress } from './components/RunProgress';
import { SafeFixesScreen } from './components/SafeFixesScreen';
import { StartupNotices } from './components/StartupNotices';
import { useAppStore } from './store/app-store';
import type { View } from './store/navigation-slice';
import { useOsTheme } from './use-os-theme';

const useStyles = makeStyles({
  // A fixed shell: the header and the navigation stay put, only the place on show scrolls.
  root: {
    height: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  body: { flex: 1, display: 'flex', minHeight: 0 },
  main: {
    flex: 1,
    minWidth: 0,
    overflowY: 'auto',
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

/** The place on show: an open change screen or the history wins over the chosen place, as it was opened from it. */
function useActiveView(): View {
  const view = useAppStore((s) => s.view);
  const history = useAppStore((s) => s.showingHistory);
  const changing = useAppStore((s) => s.run !== null && (s.mfa !== null || s.safeFixes !== null));
  if (history) return 'history';
  if (changing) return 'changes';
  return view;
}

function Screen({ active }: { active: View }) {
  const run = useAppStore((s) => s.run);
  const mfa = useAppStore((s) => s.mfa);
  const safeFixes = useAppStore((s) => s.safeFixes);
  switch (active) {
    case 'history':
      return <RunHistoryScreen />;
    case 'inventory':
      return <InventoryPanel />;
    case 'readiness':
      return run === null ? <NoRunYet place="Readiness" /> : <ReadinessView run={run} />;
    case 'changes':
      if (run === null) return <NoRunYet place="Changes" />;
      if (mfa !== null) return <MfaChangeScreen run={run} flow={mfa} />;
      if (safeFixes !== null) return <SafeFixesScreen flow={safeFixes} />;
      return <ChangesView run={run} />;
    case 'reports':
      return run === null ? <NoRunYet place="Reports" /> : <ReportsView run={run} />;
  }
}

/** While the demo estate is on show, every place says so and offers the way back to the real inventory. */
function DemoNotice() {
  const simulated = useAppStore((s) => s.run?.savedFacts.simulated === true && s.check === null);
  const closeRun = useAppStore((s) => s.closeRun);
  const setView = useAppStore((s) => s.setView);
  if (!simulated) return null;
  return (
    <MessageBar intent="info">
      <MessageBarBody>
        You are exploring the simulated demo estate: nothing real is read or changed.
      </MessageBarBody>
      <MessageBarActions>
        <Button
          onClick={() => {
            closeRun();
            setView('inventory');
          }}
        >
          Leave the demo estate
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export function App() {
  const styles = useStyles();
  const theme = useOsTheme();
  const loadAppInfo = useAppStore((s) => s.loadAppInfo);
  const loadInventory = useAppStore((s) => s.loadInventory);
  const runId = useAppStore((s) => s.run?.runId ?? null);
  const checking = useAppStore((s) => s.check !== null);
  const active = useActiveView();
  const wasChecking = useRef(false);

  useEffect(() => {
    void loadAppInfo();
    void loadInventory();
  }, [loadAppInfo, loadInventory]);

  // A new run (checked, re-checked or opened from the history) is answered in Readiness.
  useEffect(() => {
    if (runId !== null) useAppStore.getState().setView('readiness');
  }, [runId]);

  // When a check ends, focus goes to its results: the server's details after a re-check, else Readiness.
  useEffect(() => {
    if (wasChecking.current && !checking) {
      const state = useAppStore.getState();
      if (state.run !== null) state.requestFocus(state.selectedServer !== null ? 'details' : 'readiness');
    }
    wasChecking.current = checking;
  }, [checking]);

  const go = (view: View) => {
    const state = useAppStore.getState();
    if (view !== 'changes') {
      state.closeMfa();
      state.closeSafeFixes();
    }
    if (view === 'history') state.openHistory();
    else state.closeHistory();
    state.setView(view);
  };

  return (
    // The layout lives inside the provider: a className on it is copied onto every portal (menus, dialogs),
    // which made each one a full-window opaque layer.
    <FluentProvider theme={theme}>
      <div className={styles.root}>
        <AppHeader />
        <div className={styles.body}>
          <AppNavigation active={active} onGo={go} />
          <main className={styles.main}>
            <StartupNotices />
            <DemoNotice />
            <RunBanners />
            <RunProgress />
            <Screen active={active} />
          </main>
        </div>
      </div>
    </FluentProvider>
  );
}
