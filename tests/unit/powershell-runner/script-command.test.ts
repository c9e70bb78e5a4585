import { describe, expect, it } from 'vitest';
import {
  buildScriptCommand,
  decodeScriptParameters,
  quotePowerShellLiteral,
} from '../../../electron/powershell/script-command';
import { hostileParameters, hostileStrings } from './hostile-values';

// PowerShell's single-quoted string: any of these characters ends it unless doubled.
const quoteChars = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);

/** Reads one single-quoted literal at `start` the way PowerShell's tokenizer does; returns its value and end. */
function readLiteral(text: string, start: number): { value: string; end: number } {
  if (!quoteChars.has(text[start] ?? '')) throw new Error(`no literal at ${start}`);
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (quoteChars.has(char)) {
      if (quoteChars.has(text[index + 1] ?? '')) {
        value += char;
        index += 2;
        continue;
      }
      return { value, end: index + 1 };
    }
    value += char;
    index += 1;
  }
  throw new Error('unterminated literal');
}

/** Splits a command into exactly `& <literal> -ParametersBase64 <literal>`, or throws. */
function tokenizeCommand(command: string): { path: string; base64: string } {
  if (!command.startsWith('& ')) throw new Error('does not start with the call operator');
  const path = readLiteral(command, 2);
  const flag = ' -ParametersBase64 ';
  if (command.slice(path.end, path.end + flag.length) !== flag) throw new Error('unexpected text after path');
  const base64 = readLiteral(command, path.end + flag.length);
  if (base64.end !== command.length) throw new Error(`trailing text: ${command.slice(base64.end)}`);
  return { path: path.value, base64: base64.value };
}

// A small seeded generator, so the fuzzing below is the same on every run.
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const scriptPath = 'C:\\Program Files\\ExReady\\resources\\powershell\\collect\\Invoke-ExreadyCollection.ps1';

describe('script command encoding', () => {
  it('round-trips every hostile value through the command text unchanged', () => {
    const parameters = hostileParameters();
    const command = buildScriptCommand(scriptPath, parameters);
    const tokens = tokenizeCommand(command);
    expect(tokens.path).toBe(scriptPath);
    expect(tokens.base64).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(decodeScriptParameters(tokens.base64)).toEqual(parameters);
  });

  it('keeps each hostile value out of the script text', () => {
    for (const value of hostileStrings) {
      const command = buildScriptCommand(scriptPath, { value });
      expect(tokenizeCommand(command).path).toBe(scriptPath);
      expect(decodeScriptParameters(tokenizeCommand(command).base64)).toEqual({ value });
      if (value.length > 3) expect(command).not.toContain(value);
    }
  });

  it('uses an alphabet that has no quote character of any kind, so the literal cannot end early', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
    for (const char of alphabet) expect(quoteChars.has(char)).toBe(false);
    const random = seeded(5986);
    for (let round = 0; round < 500; round += 1) {
      const codes = Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 0xd7ff));
      const value = String.fromCharCode(...codes);
      const command = buildScriptCommand(scriptPath, { value });
      const { base64 } = tokenizeCommand(command);
      expect(base64).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      expect(decodeScriptParameters(base64)).toEqual({ value });
    }
  });

  it('doubles straight and typographic single quotes in the script path', () => {
    const path = "C:\\Users\\o'brien\\App\u2019s\\Script.ps1";
    expect(quotePowerShellLiteral(path)).toBe("'C:\\Users\\o''brien\\App\u2019\u2019s\\Script.ps1'");
    expect(tokenizeCommand(buildScriptCommand(path, {})).path).toBe(path);
  });

  it('refuses a script path with control characters', () => {
    expect(() => buildScriptCommand('C:\\a\nStop-Computer\\x.ps1', {})).toThrow(/control characters/);
  });
});
