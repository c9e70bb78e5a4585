/**
 * The identity of a Graph request for replay: method, host, path and query. Graph treats resource paths and
 * query option names case-insensitively (and `$select` = `select` in v1.0); option values stay as sent.
 */
export function graphRequestKey(method: string, url: string): string {
  const parsed = new URL(url);
  const path = decodePath(parsed.pathname).toLowerCase().replace(/\/+$/, '');
  const query = [...parsed.searchParams.entries()]
    .map(([name, value]) => [name.toLowerCase().replace(/^\$/, ''), value.trim()] as const)
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return `${method.toUpperCase()} ${parsed.host.toLowerCase()}${path}${query === '' ? '' : `?${query}`}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// %27 and ' are the same to Graph: compare paths decoded.
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
