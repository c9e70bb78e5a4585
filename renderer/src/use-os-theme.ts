import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';

const query = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(query);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** Light or dark, following the operating system as it changes. */
export function useOsTheme(): Theme {
  const dark = useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
  return dark ? webDarkTheme : webLightTheme;
}
