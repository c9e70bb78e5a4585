/** Splits text into lines without their line endings; a final line ending does not open an empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

type LineEdit =
  { kind: 'equal'; a: number; b: number } | { kind: 'delete'; a: number } | { kind: 'insert'; b: number };

// Past this many differing lines the diff shows the block as replaced rather than spend O(D²) memory.
const maxEditDistance = 4000;

/** Myers' O(ND) shortest edit script over the lines between the common prefix and suffix. */
function shortestEdit(a: readonly string[], b: readonly string[], aFrom: number, bFrom: number): LineEdit[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEditDistance);
  const base = max + 1;
  const v = new Int32Array(2 * max + 3);
  v[base + 1] = 0;
  const trace: Int32Array[] = [];
  let solved = false;
  for (let d = 0; d <= max && !solved; d++) {
    trace.push(v.slice(base - d - 1, base + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[base + k - 1] ?? 0) < (v[base + k + 1] ?? 0));
      let x = down ? (v[base + k + 1] ?? 0) : (v[base + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[base + k] = x;
      if (x >= n && y >= m) {
        solved = true;
        break;
      }
    }
  }
  if (!solved) {
    return [
      ...a.map((_, i): LineEdit => ({ kind: 'delete', a: aFrom + i })),
      ...b.map((_, i): LineEdit => ({ kind: 'insert', b: bFrom + i })),
    ];
  }
  const edits: LineEdit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d] ?? new Int32Array(0);
    const at = (k: number) => row[k + d + 1] ?? 0;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      edits.push({ kind: 'equal', a: aFrom + x, b: bFrom + y });
    }
    if (d > 0) {
      if (x === previousX) edits.push({ kind: 'insert', b: bFrom + y - 1 });
      else edits.push({ kind: 'delete', a: aFrom + x - 1 });
    }
    x = previousX;
    y = previousY;
  }
  return edits.reverse();
}

function diffLines(a: readonly string[], b: readonly string[]): LineEdit[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let aEnd = a.length;
  let bEnd = b.length;
  while (aEnd > prefix && bEnd > prefix && a[aEnd - 1] === b[bEnd - 1]) {
    aEnd--;
    bEnd--;
  }
  const edits: LineEdit[] = [];
  for (let i = 0; i < prefix; i++) edits.push({ kind: 'equal', a: i, b: i });
  edits.push(...shortestEdit(a.slice(prefix, aEnd), b.slice(prefix, bEnd), prefix, prefix));
  for (let i = 0; i < a.length - aEnd; i++) edits.push({ kind: 'equal', a: aEnd + i, b: bEnd + i });
  return edits;
}

export interface UnifiedDiffOptions {
  fromLabel: string;
  toLabel: string;
  context?: number;
  /** Lines to print in place of the real ones (same count), e.g. with secrets masked. */
  display?: { before: readonly string[]; after: readonly string[] };
}

/** A unified diff (`diff -u` format) of two texts; empty when they are equal. */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions): string {
  // Compare with line endings, so a CR/LF change or a missing final newline shows; print without them.
  const comparable = (text: string) => {
    const raw = text.split('\n');
    return splitLines(text).map((_, i, all) =>
      i === all.length - 1 && !text.endsWith('\n') ? `${raw[i] ?? ''}\u0000` : `${raw[i] ?? ''}\n`,
    );
  };
  const aLines = comparable(before);
  const bLines = comparable(after);
  const shownA = options.display?.before ?? splitLines(before);
  const shownB = options.display?.after ?? splitLines(after);
  const edits = diffLines(aLines, bLines);
  const context = options.context ?? 3;
  const changed = edits.flatMap((edit, i) => (edit.kind === 'equal' ? [] : [i]));
  if (changed.length === 0) return '';

  let out = `--- ${options.fromLabel}\n+++ ${options.toLabel}\n`;
  let h = 0;
  while (h < changed.length) {
    let last = changed[h] ?? 0;
    const first = Math.max(0, last - context);
    while (h + 1 < changed.length && (changed[h + 1] ?? 0) - last <= 2 * context) last = changed[++h] ?? last;
    const end = Math.min(edits.length, last + context + 1);
    out += renderHunk(edits.slice(first, end), edits.slice(0, first), shownA, shownB, {
      aNoEol: !before.endsWith('\n') && before !== '',
      bNoEol: !after.endsWith('\n') && after !== '',
      aCount: aLines.length,
      bCount: bLines.length,
    });
    h++;
  }
  return out;
}

function renderHunk(
  hunk: readonly LineEdit[],
  preceding: readonly LineEdit[],
  shownA: readonly string[],
  shownB: readonly string[],
  ends: { aNoEol: boolean; bNoEol: boolean; aCount: number; bCount: number },
): string {
  const aBefore = preceding.filter((edit) => edit.kind !== 'insert').length;
  const bBefore = preceding.filter((edit) => edit.kind !== 'delete').length;
  const aLength = hunk.filter((edit) => edit.kind !== 'insert').length;
  const bLength = hunk.filter((edit) => edit.kind !== 'delete').length;
  const range = (start: number, length: number) => `${length === 0 ? start : start + 1},${length}`;
  let out = `@@ -${range(aBefore, aLength)} +${range(bBefore, bLength)} @@\n`;
  const noEol = '\\ No newline at end of file\n';
  for (const edit of hunk) {
    if (edit.kind === 'equal') {
      out += ` ${shownA[edit.a] ?? ''}\n`;
      if (edit.a === ends.aCount - 1 && ends.aNoEol) out += noEol;
    } else if (edit.kind === 'delete') {
      out += `-${shownA[edit.a] ?? ''}\n`;
      if (edit.a === ends.aCount - 1 && ends.aNoEol) out += noEol;
    } else {
      out += `+${shownB[edit.b] ?? ''}\n`;
      if (edit.b === ends.bCount - 1 && ends.bNoEol) out += noEol;
    }
  }
  return out;
}
