// Reports show times in the reader's zone with the offset spelled out; the JSON keeps the ISO text.

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The zone of this machine (IANA name), as Intl resolves it. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "2 Dec 2026, 15:04 UTC+01:00" for an ISO time in the given IANA zone (this machine's by default). */
export function formatLocalTime(iso: string, timeZone: string = localTimeZone()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`formatLocalTime: "${iso}" is not an ISO date-time`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((item) => item.type === type)?.value ?? '';
  // longOffset reads "GMT+01:00", or "GMT" alone at offset zero.
  const offset = part('timeZoneName').replace(/^GMT/, '');
  const month = monthNames[Number(part('month')) - 1] ?? part('month');
  return `${Number(part('day'))} ${month} ${part('year')}, ${part('hour')}:${part('minute')} UTC${offset === '' ? '+00:00' : offset}`;
}

const isoTime = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** A text with every ISO date-time in it (summaries, evidence) rewritten to local time with its zone. */
export function localiseIsoTimes(text: string, timeZone: string = localTimeZone()): string {
  return text.replace(isoTime, (iso) => formatLocalTime(iso, timeZone));
}
