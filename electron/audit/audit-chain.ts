import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  AuditEntry,
  AuditLine,
  type AuditIntentLine,
  type AuditOutcomeLine,
} from '../../shared/audit/audit-entry';

// Reads the log's text into entries and problems without ever throwing: a damaged line is named and skipped.

export const lineHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** What ExReady last wrote (kept beside the log), so a cut or added-to end is seen: lines alone cannot show it. */
export const AuditHead = z.object({
  /** The 1-based number of the last line ExReady wrote. */
  line: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The highest id ever given, so a removed last entry's id is never given again. */
  lastId: z.number().int().nonnegative(),
});
export type AuditHead = z.infer<typeof AuditHead>;

export interface AuditProblem {
  /** The line the problem is named by (1-based); 0 when it is about the log as a whole. */
  line: number;
  /** Every line it casts doubt on: an entry on one of them cannot be undone. */
  lines: number[];
  detail: string;
}

export interface AuditInspection {
  entries: AuditEntry[];
  problems: AuditProblem[];
  /** Lines before the first chained one, written without a hash by earlier versions: accepted, not verifiable. */
  legacyLines: number;
  /** The lines each entry was read from (intent, and outcome when there is one). */
  linesOf: Map<number, number[]>;
  /** The last non-blank line: its number and text (the next line's `previous` is its hash). */
  last: { line: number; text: string } | null;
  /** The highest id seen in the log or the head. */
  lastId: number;
  /** The file does not end with a line break (an interrupted write). */
  unterminated: boolean;
  /** How many lines the file has, blank ones included: the next line written is this plus one. */
  lineCount: number;
  /** The end is not as ExReady left it (or its head is missing): the next append first writes a break line saying so. */
  endProblem: AuditProblem | null;
}

const LegacyLine = AuditEntry.extend({ schemaVersion: z.literal(1) });

const noOutcome =
  'no outcome was recorded: ExReady stopped (or is still running) after writing the intent; check the server';

const describeIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`;
};

function mergedEntry(intent: AuditIntentLine, outcome: AuditOutcomeLine | undefined): AuditEntry {
  return {
    schemaVersion: 2,
    id: intent.id,
    at: intent.at,
    operator: intent.operator,
    server: intent.server,
    action: intent.action,
    parameters: intent.parameters,
    before: outcome?.before ?? intent.before,
    after: outcome?.after ?? null,
    outcome: outcome?.outcome ?? 'failed',
    error: outcome === undefined ? noOutcome : outcome.error,
    undoes: intent.undoes,
    simulated: intent.simulated,
    lab: intent.lab,
  };
}

/** Compares the log's end with what ExReady last wrote there; null when they agree. */
export function headProblem(
  head: AuditHead | null,
  last: AuditInspection['last'],
  textOfLine: (line: number) => string | undefined,
): AuditProblem | null {
  if (head === null) return null;
  const lastLine = last?.line ?? 0;
  if (lastLine < head.line)
    return {
      line: lastLine,
      lines: [],
      detail: `the log ends at line ${lastLine} but ExReady wrote up to line ${head.line} (id ${head.lastId}): lines were removed from the end`,
    };
  const written = textOfLine(head.line);
  if (written === undefined || lineHash(written) !== head.sha256)
    return {
      line: head.line,
      lines: [head.line],
      detail: `is not the line ExReady wrote last: it was edited, or lines were removed or inserted before it`,
    };
  if (lastLine > head.line) {
    const added = Array.from({ length: lastLine - head.line }, (_, index) => head.line + 1 + index);
    return {
      line: head.line + 1,
      lines: added,
      detail: `line${added.length > 1 ? `s ${head.line + 1}-${lastLine} were` : ` ${lastLine} was`} not written by ExReady (added after its last entry, or a write was interrupted)`,
    };
  }
  return null;
}

/** Every entry the log holds, and every problem with the line that shows it. */
export function inspectAuditText(text: string, stored: AuditHead | 'damaged' | null): AuditInspection {
  const head = stored === 'damaged' ? null : stored;
  const rows = text.split('\n');
  const unterminated = text !== '' && !text.endsWith('\n');
  if (!unterminated) rows.pop();
  const problems: AuditProblem[] = [];
  const intents = new Map<number, { line: number; intent: AuditIntentLine }>();
  const outcomes = new Map<number, { line: number; outcome: AuditOutcomeLine }>();
  const legacy: { line: number; entry: AuditEntry }[] = [];
  const idLines = new Map<number, number>();
  let chained = false;
  let legacyLines = 0;
  let last: AuditInspection['last'] = null;
  const claimId = (id: number, line: number) => {
    const earlier = idLines.get(id);
    if (earlier !== undefined)
      problems.push({ line, lines: [earlier, line], detail: `id ${id} is already used by line ${earlier}` });
    else idLines.set(id, line);
    return earlier === undefined;
  };
  rows.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const previous = last;
    last = { line, text: raw };
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      const cut =
        unterminated && index === rows.length - 1 ? ' (it has no line end: an interrupted write)' : '';
      problems.push({ line, lines: [line], detail: `is not valid JSON${cut}; skipped` });
      return;
    }
    const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (version === 1) {
      const parsed = LegacyLine.safeParse(json);
      if (!parsed.success) {
        problems.push({
          line,
          lines: [line],
          detail: `is not an audit entry (${describeIssue(parsed.error)}); skipped`,
        });
        return;
      }
      if (chained) {
        problems.push({
          line,
          lines: [line],
          detail: 'an unchained line among chained ones: it was not written by ExReady (edited or forged)',
        });
        return;
      }
      legacyLines += 1;
      if (claimId(parsed.data.id, line)) legacy.push({ line, entry: parsed.data });
      return;
    }
    const parsed = AuditLine.safeParse(json);
    if (!parsed.success) {
      problems.push({
        line,
        lines: [line],
        detail: `is not an audit entry (${describeIssue(parsed.error)}); skipped`,
      });
      return;
    }
    chained = true;
    const record = parsed.data;
    const expected = previous === null ? null : lineHash(previous.text);
    if (record.previous !== expected)
      problems.push({
        line,
        lines: previous === null ? [line] : [previous.line, line],
        detail:
          previous === null
            ? 'the first line names a line before it: lines were removed from the start'
            : `does not follow line ${previous.line} (its hash differs): line ${previous.line} was edited, or lines were removed or inserted between them`,
      });
    if (record.kind === 'break') {
      problems.push({
        line,
        lines: [line, ...record.lines],
        detail: `ExReady found the log changed when it appended at ${record.at}: ${record.detail}`,
      });
    } else if (record.kind === 'intent') {
      if (claimId(record.id, line)) intents.set(record.id, { line, intent: record });
    } else if (!intents.has(record.intent)) {
      problems.push({
        line,
        lines: [line],
        detail: `the outcome of id ${record.intent}, which has no intent before it`,
      });
    } else if (outcomes.has(record.intent)) {
      const earlier = outcomes.get(record.intent)?.line ?? 0;
      problems.push({
        line,
        lines: [earlier, line],
        detail: `a second outcome of id ${record.intent} (the first is line ${earlier})`,
      });
    } else outcomes.set(record.intent, { line, outcome: record });
  });
  const endProblem: AuditProblem | null =
    stored === 'damaged'
      ? {
          line: 0,
          lines: [],
          detail:
            'the head file ExReady keeps beside the log is damaged: a cut or edited end cannot be ruled out',
        }
      : head === null && chained
        ? {
            line: 0,
            lines: [],
            detail: 'the head file ExReady keeps beside the log is missing: a cut end cannot be ruled out',
          }
        : headProblem(head, last, (number) => rows[number - 1]);
  if (endProblem !== null) problems.push(endProblem);
  const linesOf = new Map<number, number[]>();
  const entries: AuditEntry[] = legacy.map(({ line, entry }) => {
    linesOf.set(entry.id, [line]);
    return entry;
  });
  for (const [id, { line, intent }] of intents) {
    const outcome = outcomes.get(id);
    linesOf.set(id, outcome === undefined ? [line] : [line, outcome.line]);
    entries.push(mergedEntry(intent, outcome?.outcome));
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    entries,
    problems,
    legacyLines,
    linesOf,
    last,
    lastId: Math.max(head?.lastId ?? 0, ...idLines.keys()),
    unterminated,
    lineCount: rows.length,
    endProblem,
  };
}
