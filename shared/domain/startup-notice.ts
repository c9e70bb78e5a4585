import { z } from 'zod';

/** A user-data file ExReady could not read at start-up, and what it did about it. */
export const StartupNotice = z.object({
  /** The file as named in the user-data folder, e.g. `secrets.json` or `runs/2026-12-02.json`. */
  file: z.string().max(300),
  /** Why it could not be read. */
  problem: z.string().max(500),
  /** Where the unreadable file now lies, beside its old place. */
  movedTo: z.string().max(300),
  /** What ExReady started with instead. */
  kept: z.string().max(500),
});
export type StartupNotice = z.infer<typeof StartupNotice>;

/** One sentence for the window's banner and the command line's stderr. */
export function startupNoticeText(notice: StartupNotice): string {
  return `${notice.file} could not be read (${notice.problem}). It was moved aside to ${notice.movedTo}; ${notice.kept}`;
}
