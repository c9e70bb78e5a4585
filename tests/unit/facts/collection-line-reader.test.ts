import { describe, expect, it } from 'vitest';
import {
  CollectionLineReader,
  groupEvents,
  readCollectionOutput,
} from '../../../electron/facts/collection-line-reader';

const runId = '3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b';
const factsLine = `{"exready":1,"runId":"${runId}","kind":"server-facts","server":"exch01.contoso.com","data":{"collectedAt":"\\/Date(1740830220000)\\/"}}`;
const doneLine = `{"exready":1,"runId":"${runId}","kind":"done","server":null,"data":{"serverFacts":1,"syncFacts":0,"errors":0,"warnings":0}}`;

describe('the collection line reader', () => {
  it('joins a line split across chunks, however it is cut', () => {
    const text = `${factsLine}\n${doneLine}\n`;
    for (const cut of [1, 17, factsLine.length, factsLine.length + 1, text.length - 3]) {
      const reader = new CollectionLineReader();
      const events = [...reader.push(text.slice(0, cut)), ...reader.push(text.slice(cut)), ...reader.end()];
      const { lines, noise, malformed } = groupEvents(events);
      expect(lines.map((item) => item.line.kind)).toEqual(['server-facts', 'done']);
      expect(noise).toEqual([]);
      expect(malformed).toEqual([]);
    }
  });

  it('emits a line only once it is complete, and the last one on end()', () => {
    const reader = new CollectionLineReader();
    expect(reader.push(factsLine.slice(0, 40))).toEqual([]);
    expect(reader.push(factsLine.slice(40))).toEqual([]);
    const flushed = reader.end();
    expect(flushed).toHaveLength(1);
    expect(flushed[0]).toMatchObject({ type: 'line', lineNumber: 1, line: { server: 'exch01.contoso.com' } });
  });

  it('reads CRLF output and keeps the \\/Date\\/ text for the normaliser', () => {
    const { lines } = readCollectionOutput(`${factsLine}\r\n${doneLine}\r\n`);
    expect(lines).toHaveLength(2);
    expect(lines[0]?.line.data).toEqual({ collectedAt: '/Date(1740830220000)/' });
    expect(lines[1]?.lineNumber).toBe(2);
  });

  it('drops a UTF-8 BOM at the start of the stream', () => {
    const { lines, noise } = readCollectionOutput(`\uFEFF${factsLine}\n`);
    expect(lines).toHaveLength(1);
    expect(noise).toEqual([]);
  });

  it('keeps foreign output as noise with its line number, and skips blank lines', () => {
    const text = `Loading personal and system profiles took 812ms.\r\n\r\n${factsLine}\r\n{"other":"json"}\r\n${doneLine}`;
    const { lines, noise } = readCollectionOutput(text);
    expect(noise).toEqual([
      { lineNumber: 1, text: 'Loading personal and system profiles took 812ms.' },
      { lineNumber: 4, text: '{"other":"json"}' },
    ]);
    expect(lines.map((item) => item.lineNumber)).toEqual([3, 5]);
  });

  it('reports a truncated protocol line as malformed with its line number', () => {
    const { lines, malformed } = readCollectionOutput(`${factsLine}\n${doneLine.slice(0, 50)}\n`);
    expect(lines).toHaveLength(1);
    expect(malformed).toHaveLength(1);
    expect(malformed[0]?.lineNumber).toBe(2);
    expect(malformed[0]?.reason).toMatch(/not valid JSON/);
  });

  it('reports a protocol line of an unknown kind as malformed, naming the field', () => {
    const bad = `{"exready":1,"runId":"${runId}","kind":"server-fact","server":"exch01.contoso.com","data":{}}`;
    const { malformed } = readCollectionOutput(`${bad}\n`);
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toMatchObject({ lineNumber: 1, text: bad });
    expect(malformed[0]?.reason).toMatch(/^kind:/);
  });
});
