import { Badge } from '@fluentui/react-components';
import { useAppStore } from '../store/app-store';

/** Shown on every screen while the data on screen comes from the simulated demo estate. */
export function SimulatedBadge() {
  const simulated = useAppStore((s) => s.run?.savedFacts.simulated === true || s.check?.lab === 'demo');
  if (!simulated) return null;
  return (
    <Badge appearance="tint" color="warning" size="large">
      Simulated (demo estate)
    </Badge>
  );
}
