// Backups sit beside the file: web.config.exready-YYYYMMDD-HHMMSS.bak, in UTC so names sort by time
// and do not jump with daylight saving. Pure naming, shared by local and (later) remote apply.

function stamp(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-` +
    `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`
  );
}

/** The backup written before an apply. */
export function backupFileName(configFileName: string, at: Date): string {
  return `${configFileName}.exready-${stamp(at)}.bak`;
}

/** The copy of the current file written before a rollback; never picked as "the newest backup". */
export function preRollbackFileName(configFileName: string, at: Date): string {
  return `${configFileName}.exready-${stamp(at)}.pre-rollback.bak`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The newest apply backup of `configFileName` among the names of its folder, or null. */
export function newestBackupName(configFileName: string, names: readonly string[]): string | null {
  const pattern = new RegExp(`^${escapeRegExp(configFileName)}\\.exready-(\\d{8}-\\d{6})\\.bak$`, 'i');
  let newest: { name: string; stamp: string } | null = null;
  for (const name of names) {
    const match = pattern.exec(name);
    const found = match?.[1];
    if (found !== undefined && (newest === null || found > newest.stamp)) newest = { name, stamp: found };
  }
  return newest?.name ?? null;
}
