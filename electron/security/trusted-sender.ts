/**
 * Decides whether an IPC call comes from our own renderer page: the exact file the app loaded
 * (file://.../renderer/index.html) or, during development, the dev server's origin.
 */
export function createTrustedUrlCheck(appUrl: string): (senderUrl: string) => boolean {
  const expected = new URL(appUrl);
  return (senderUrl) => {
    let actual: URL;
    try {
      actual = new URL(senderUrl);
    } catch {
      return false;
    }
    if (expected.protocol === 'file:') {
      return actual.protocol === 'file:' && actual.pathname === expected.pathname;
    }
    return actual.origin === expected.origin;
  };
}

/** Navigation inside the window is allowed only to the app's own page (a reload). */
export function isAllowedNavigation(appUrl: string, targetUrl: string): boolean {
  return createTrustedUrlCheck(appUrl)(targetUrl);
}

// Hosts whose pages the check references link to; anything else a link asks for is dropped.
const documentationHosts = new Set([
  'learn.microsoft.com',
  'support.microsoft.com',
  'techcommunity.microsoft.com',
]);

/** Whether a link may open in the user's browser: https documentation pages only. */
export function isOpenableDocumentationLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && documentationHosts.has(parsed.hostname) && parsed.username === '';
  } catch {
    return false;
  }
}
