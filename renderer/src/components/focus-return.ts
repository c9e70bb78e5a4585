/**
 * Where focus goes back when a dialog closes (WAI-ARIA dialog pattern): the element that opened it, or, when a
 * re-render replaced it or the fix removed it (a passing check has no Fix button), the card it was on.
 */
export function rememberOpener(): () => void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  if (opener === null || opener === document.body) return () => undefined;
  const label = opener.getAttribute('aria-label');
  const container = opener.closest<HTMLElement>('[aria-labelledby]');
  const containerLabel = container?.getAttribute('aria-labelledby') ?? null;
  return () => {
    const byLabel =
      label === null ? null : document.querySelector<HTMLElement>(`[aria-label="${CSS.escape(label)}"]`);
    const target =
      (opener.isConnected ? opener : null) ??
      byLabel ??
      (containerLabel === null
        ? null
        : document.querySelector<HTMLElement>(`[aria-labelledby="${CSS.escape(containerLabel)}"]`));
    if (target === null) return;
    if (target !== opener && target !== byLabel && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
  };
}
