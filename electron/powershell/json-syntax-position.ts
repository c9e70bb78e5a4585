/** Where a JSON text first breaks the grammar, as 1-based line and column; null when it is valid JSON. */
export function locateJsonSyntaxError(text: string): { line: number; column: number } | null {
  const offset = new JsonScanner(text).firstErrorOffset();
  if (offset === null) return null;
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

class SyntaxStop extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
    this.name = 'SyntaxStop';
  }
}

// JSON.parse says what went wrong but, depending on the Node version, not always where: this scanner finds where.
class JsonScanner {
  private index = 0;

  constructor(private readonly text: string) {}

  firstErrorOffset(): number | null {
    try {
      this.skipSpace();
      this.value();
      this.skipSpace();
      if (this.index < this.text.length) throw new SyntaxStop(this.index);
      return null;
    } catch (stop) {
      if (stop instanceof SyntaxStop) return Math.min(stop.offset, this.text.length);
      throw stop;
    }
  }

  private skipSpace(): void {
    while (this.index < this.text.length && ' \t\n\r'.includes(this.text[this.index] ?? '')) this.index += 1;
  }

  private expect(char: string): void {
    if (this.text[this.index] !== char) throw new SyntaxStop(this.index);
    this.index += 1;
  }

  private value(): void {
    const char = this.text[this.index];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.index)) {
        this.index += word.length;
        return;
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(
      this.text.slice(this.index, this.index + 400),
    );
    if (number === null) throw new SyntaxStop(this.index);
    this.index += number[0].length;
  }

  private object(): void {
    this.expect('{');
    this.skipSpace();
    if (this.text[this.index] === '}') {
      this.index += 1;
      return;
    }
    for (;;) {
      this.skipSpace();
      this.string();
      this.skipSpace();
      this.expect(':');
      this.skipSpace();
      this.value();
      this.skipSpace();
      if (this.text[this.index] === '}') {
        this.index += 1;
        return;
      }
      this.expect(',');
    }
  }

  private array(): void {
    this.expect('[');
    this.skipSpace();
    if (this.text[this.index] === ']') {
      this.index += 1;
      return;
    }
    for (;;) {
      this.skipSpace();
      this.value();
      this.skipSpace();
      if (this.text[this.index] === ']') {
        this.index += 1;
        return;
      }
      this.expect(',');
    }
  }

  private string(): void {
    this.expect('"');
    while (this.index < this.text.length) {
      const char = this.text[this.index] ?? '';
      if (char === '"') {
        this.index += 1;
        return;
      }
      if (char < ' ') throw new SyntaxStop(this.index);
      if (char === '\\') {
        const escape = this.text[this.index + 1] ?? '';
        if ('"\\/bfnrt'.includes(escape) && escape !== '') this.index += 2;
        else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.index + 2, this.index + 6)))
          this.index += 6;
        else throw new SyntaxStop(this.index);
      } else {
        this.index += 1;
      }
    }
    throw new SyntaxStop(this.index);
  }
}
