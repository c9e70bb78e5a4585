import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Reads the published PowerShell text outputs in tests/fixtures/psoutput so tests take their values from them.

export function readPsOutputFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/psoutput/${name}`, import.meta.url)), 'utf8');
}

/** Format-List output: blocks of "Key : value", continuation lines indented, blocks split by blank lines. */
export function readListBlocks(text: string): Record<string, string>[] {
  const blocks: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  let lastKey: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      current = null;
      lastKey = null;
      continue;
    }
    if (line.startsWith('PS ')) continue;
    const field = /^([A-Za-z][\w-]*)\s*:(?: (.*))?$/.exec(line);
    if (field?.[1] !== undefined) {
      if (current === null) {
        current = {};
        blocks.push(current);
      }
      lastKey = field[1];
      current[lastKey] = field[2] ?? '';
    } else if (current !== null && lastKey !== null && /^\s/.test(line)) {
      // Format-List wraps a long value onto indented lines: keep the line break as PowerShell printed it.
      current[lastKey] = `${current[lastKey] ?? ''}\n${line}`;
    }
  }
  return blocks;
}

/** Format-Table output: every table (header, dashes, rows) of the text; a wrapped last column is kept with its line break. */
export function readTables(text: string): Record<string, string>[][] {
  const lines = text.split(/\r?\n/);
  const tables: Record<string, string>[][] = [];
  for (let index = 1; index < lines.length; index += 1) {
    const dashes = lines[index] ?? '';
    if (!/^-+(\s+-+)*\s*$/.test(dashes)) continue;
    const header = lines[index - 1] ?? '';
    const starts = [...dashes.matchAll(/-+/g)].map((match) => match.index);
    const names = starts.map((start, column) => header.slice(start, starts[column + 1]).trim());
    const lastStart = starts[starts.length - 1] ?? 0;
    const rows: Record<string, string>[] = [];
    for (let rowIndex = index + 1; rowIndex < lines.length; rowIndex += 1) {
      const line = lines[rowIndex] ?? '';
      if (line.trim() === '') break;
      const previous = rows[rows.length - 1];
      const lastName = names[names.length - 1] ?? '';
      const previousLast = previous?.[lastName] ?? '';
      // Format-Table -Wrap continues the last column on a line of its own, here at column 0.
      if (
        previous !== undefined &&
        (previousLast.trimEnd().endsWith(',') || (line.length > lastStart && line[lastStart - 1] !== ' '))
      ) {
        previous[lastName] = `${previousLast}\n${line}`;
        continue;
      }
      rows.push(
        Object.fromEntries(
          names.map((name, column) => [name, line.slice(starts[column], starts[column + 1]).trim()]),
        ),
      );
    }
    tables.push(rows);
  }
  return tables;
}

export interface WinrmSetting {
  path: string[];
  value: string | null;
  source: string | null;
}

/** `winrm enumerate` / `winrm get` output: nested "Key = value" lines, with an optional [Source="GPO"] marker. */
export function readWinrmSettings(text: string): WinrmSetting[][] {
  const blocks: WinrmSetting[][] = [];
  let stack: { indent: number; key: string }[] = [];
  let block: WinrmSetting[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^(\s*)([A-Za-z][\w]*)(?: \[Source="(\w+)"\])?(?: = (.*?))?(?: \[Source="(\w+)"\])?$/.exec(
      line,
    );
    if (match === null) continue;
    const indent = match[1]?.length ?? 0;
    const key = match[2] ?? '';
    stack = stack.filter((entry) => entry.indent < indent);
    if (stack.length === 0) {
      block = [];
      blocks.push(block);
    }
    const path = [...stack.map((entry) => entry.key), key];
    block.push({ path, value: match[4] ?? null, source: match[3] ?? match[5] ?? null });
    stack.push({ indent, key });
  }
  return blocks;
}

export function winrmValue(block: readonly WinrmSetting[], ...path: string[]): WinrmSetting | undefined {
  return block.find((setting) => setting.path.join('/') === path.join('/'));
}
