import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../electron/powershell/line-splitter';

describe('LineSplitter', () => {
  it('joins chunks into whole lines, LF or CRLF, and holds a partial line until it ends', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push('{"a":');
    expect(lines).toEqual([]);
    splitter.push('1}\r\n{"b":2}\n{"c"');
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
    splitter.push(':3}\r');
    splitter.push('\n');
    splitter.push('tail');
    splitter.flush();
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}', 'tail']);
  });

  it('keeps non-ASCII text split across chunks whole', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push('Jö');
    splitter.push('rg 東京\n');
    expect(lines).toEqual(['Jörg 東京']);
  });
});
