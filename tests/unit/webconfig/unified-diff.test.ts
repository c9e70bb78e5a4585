import { describe, expect, it } from 'vitest';
import { splitLines, unifiedDiff } from '../../../electron/webconfig/unified-diff';

const labels = { fromLabel: 'a/web.config', toLabel: 'b/web.config' };
const numbered = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`);

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', labels)).toBe('');
  });

  it('shows an insertion with three lines of context', () => {
    const before = `${numbered(10).join('\n')}\n`;
    const after = before.replace('line 5\n', 'line 5\nnew\n');
    expect(unifiedDiff(before, after, labels)).toBe(
      '--- a/web.config\n+++ b/web.config\n@@ -3,6 +3,7 @@\n line 3\n line 4\n line 5\n+new\n line 6\n line 7\n line 8\n',
    );
  });

  it('makes one hunk per distant change and merges close ones', () => {
    const lines = numbered(30);
    const after = [...lines.slice(0, 2), 'A', ...lines.slice(2, 25), 'B', ...lines.slice(25)];
    const diff = unifiedDiff(`${lines.join('\n')}\n`, `${after.join('\n')}\n`, labels);
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain('@@ -1,5 +1,6 @@');
    expect(diff).toContain('@@ -23,6 +24,7 @@');
    const close = [...lines.slice(0, 10), 'A', ...lines.slice(10, 14), 'B', ...lines.slice(14)];
    expect(unifiedDiff(`${lines.join('\n')}\n`, `${close.join('\n')}\n`, labels).match(/^@@/gm)).toHaveLength(
      1,
    );
  });

  it('shows a replaced line as - then +, and prints CRLF lines without the CR', () => {
    const diff = unifiedDiff('a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n', labels);
    expect(diff).toBe('--- a/web.config\n+++ b/web.config\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
  });

  it('marks a last line without a line ending', () => {
    expect(unifiedDiff('a\nb', 'a\nb\nc', labels)).toBe(
      '--- a/web.config\n+++ b/web.config\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n',
    );
  });

  it('prints the display lines given in place of the real ones', () => {
    const diff = unifiedDiff('x\nsecret=1\n', 'x\nsecret=2\n', {
      ...labels,
      display: { before: ['x', 'secret=***'], after: ['x', 'secret=***'] },
    });
    expect(diff).not.toMatch(/secret=[12]/);
    expect(diff).toContain('-secret=***\n+secret=***\n');
  });

  it('splits lines without their endings', () => {
    expect(splitLines('a\r\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\nb')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual([]);
  });
});
