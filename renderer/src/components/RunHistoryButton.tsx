import { Button } from '@fluentui/react-components';
import { useEffect } from 'react';
import { useAppStore } from '../store/app-store';

/**
 * Opens the history of saved runs. With `onlyWithRuns` (the inventory) it lists the runs first and
 * stays hidden while there are none: an empty history is nothing to visit.
 */
export function RunHistoryButton({ onlyWithRuns = false }: { onlyWithRuns?: boolean }) {
  const openHistory = useAppStore((s) => s.openHistory);
  const loadSavedRuns = useAppStore((s) => s.loadSavedRuns);
  const count = useAppStore((s) => s.savedRuns?.length ?? 0);
  useEffect(() => {
    if (onlyWithRuns) void loadSavedRuns();
  }, [onlyWithRuns, loadSavedRuns]);
  if (onlyWithRuns && count === 0) return null;
  return <Button onClick={openHistory}>Run history</Button>;
}
