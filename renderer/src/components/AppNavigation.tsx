import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import type { View } from '../store/navigation-slice';

const useStyles = makeStyles({
  nav: {
    width: '168px',
    flexShrink: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, padding: 0 },
  item: { listStyleType: 'none' },
  link: { width: '100%', justifyContent: 'flex-start' },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}`,
  },
});

export const places: { view: View; label: string }[] = [
  { view: 'inventory', label: 'Inventory' },
  { view: 'readiness', label: 'Readiness' },
  { view: 'changes', label: 'Changes' },
  { view: 'history', label: 'History' },
  { view: 'reports', label: 'Reports' },
];

/** The window's left navigation, as in the Exchange admin center: the current place marked with aria-current. */
export function AppNavigation({ active, onGo }: { active: View; onGo: (view: View) => void }) {
  const styles = useStyles();
  // Up and Down move between the places, as in a navigation pane; Tab leaves it.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll('button')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next = (index + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
  };
  return (
    <nav className={styles.nav} aria-label="ExReady" onKeyDown={onKeyDown}>
      <ul className={styles.list}>
        {places.map((place) => (
          <li key={place.view} className={styles.item}>
            <Button
              appearance="subtle"
              className={active === place.view ? `${styles.link} ${styles.current}` : styles.link}
              aria-current={active === place.view ? 'page' : undefined}
              onClick={() => onGo(place.view)}
            >
              {place.label}
            </Button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
