/**
 * @module ingest/readers/json/tokenizer
 * A streaming JSON tokenizer: text goes in by chunks (a minified array of millions of objects is one line of
 * gigabytes), structure events come out with the line they are on. Numbers keep the digits as written (JSON.parse
 * would turn an 18-digit ID into a float and lose its last digits). Whitespace-separated top-level values are
 * accepted (concatenated JSON). Raw control characters inside strings are accepted (dumps written by careless
 * tools have them); everything else that is not JSON raises `JsonSyntaxError` with line and column.
 */

export class JsonSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  /** True when the text ended inside a value (truncated file). */
  readonly truncated: boolean;
  constructor(message: string, line: number, column: number, truncated = false) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = 'JsonSyntaxError';
    this.line = line;
    this.column = column;
    this.truncated = truncated;
  }
}

export interface JsonSink {
  open(kind: 'object' | 'array', line: number): void;
  close(kind: 'object' | 'array', line: number): void;
  key(name: string): void;
  /** `text`: the string's value, the number's digits, `true`/`false`, or null for JSON null. */
  scalar(text: string | null, line: number): void;
  /** A line feed was consumed; `line` is the line that just ended. */
  newline?(line: number): void;
  /** A `,` or `:` on this line. */
  punct?(line: number): void;
}

type Expect = 'value' | 'first_value' | 'key' | 'first_key' | 'colon' | 'after';

const ESC: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export interface TokenizerLimits {
  readonly maxStringChars: number;
  readonly maxDepth: number;
}

export class JsonTokenizer {
  line = 1;
  column = 0;
  private stack: ('object' | 'array')[] = [];
  private expect: Expect = 'value';
  /** Top-level values completed so far. */
  topValues = 0;
  private inString = false;
  private stringIsKey = false;
  private parts: string[] = [];
  private partsLen = 0;
  private escape: string | null = null;
  private atom: string | null = null;
  private readonly sink: JsonSink;
  private readonly limits: TokenizerLimits;

  constructor(sink: JsonSink, limits?: Partial<TokenizerLimits>) {
    this.sink = sink;
    this.limits = { maxStringChars: 64 * 1024 * 1024, maxDepth: 512, ...limits };
  }

  get depth(): number {
    return this.stack.length;
  }

  private fail(msg: string, truncated = false): never {
    throw new JsonSyntaxError(msg, this.line, this.column, truncated);
  }

  feed(text: string): void {
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.inString) {
        i = this.stringChars(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.atom !== null) {
        if (isAtomChar(c)) {
          const s = i;
          while (i < n && isAtomChar(text.charCodeAt(i))) i++;
          this.atom += text.slice(s, i);
          this.column += i - s;
          if (this.atom.length > 4096) this.fail('a number or literal longer than 4096 characters');
          continue;
        }
        this.endAtom();
        continue;
      }
      if (c === 10) {
        this.sink.newline?.(this.line);
        this.line++;
        this.column = 0;
        i++;
        continue;
      }
      this.column++;
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
        i++;
        continue;
      }
      i++;
      this.token(c);
    }
  }

  /** End of input. */
  end(): void {
    if (this.atom !== null) this.endAtom();
    if (this.inString) this.fail('the text ends inside a string', true);
    if (this.stack.length > 0)
      this.fail(`the text ends inside ${this.stack.length} open ${this.stack.at(-1)}(s)`, true);
  }

  private token(c: number): void {
    const e = this.expect;
    if (c === 44 || c === 58) this.sink.punct?.(this.line);
    if (c === 34) {
      if (e === 'key' || e === 'first_key') {
        this.startString(true);
        return;
      }
      if (e === 'value' || e === 'first_value') {
        this.startString(false);
        return;
      }
      this.fail('unexpected string');
    }
    if (e === 'colon') {
      if (c === 58) {
        this.expect = 'value';
        return;
      }
      this.fail(`expected ':' but found ${show(c)}`);
    }
    if (e === 'after') {
      const top = this.stack.at(-1);
      if (c === 44 && top !== undefined) {
        this.expect = top === 'object' ? 'key' : 'value';
        return;
      }
      if (c === 125 && top === 'object') {
        this.closeContainer('object');
        return;
      }
      if (c === 93 && top === 'array') {
        this.closeContainer('array');
        return;
      }
      if (top === undefined) {
        // Another top-level value.
        this.expect = 'value';
        this.token(c);
        return;
      }
      this.fail(`expected ',' or '${top === 'object' ? '}' : ']'}' but found ${show(c)}`);
    }
    if (e === 'first_key' && c === 125) {
      this.closeContainer('object');
      return;
    }
    if (e === 'first_value' && c === 93) {
      this.closeContainer('array');
      return;
    }
    if (e === 'key' || e === 'first_key') this.fail(`expected a key string but found ${show(c)}`);
    // A value.
    if (c === 123 || c === 91) {
      const kind = c === 123 ? 'object' : 'array';
      if (this.stack.length >= this.limits.maxDepth) this.fail(`nesting deeper than ${this.limits.maxDepth}`);
      this.stack.push(kind);
      this.expect = kind === 'object' ? 'first_key' : 'first_value';
      this.sink.open(kind, this.line);
      return;
    }
    if (isAtomStart(c)) {
      this.atom = String.fromCharCode(c);
      return;
    }
    this.fail(`unexpected ${show(c)}`);
  }

  private closeContainer(kind: 'object' | 'array'): void {
    this.stack.pop();
    this.sink.close(kind, this.line);
    this.afterValue();
  }

  private afterValue(): void {
    this.expect = 'after';
    if (this.stack.length === 0) this.topValues++;
  }

  private endAtom(): void {
    const a = this.atom!;
    this.atom = null;
    if (a === 'true' || a === 'false') this.sink.scalar(a, this.line);
    else if (a === 'null') this.sink.scalar(null, this.line);
    else if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(a)) this.sink.scalar(a, this.line);
    else this.fail(`not a JSON value: ${a.slice(0, 40)}`);
    this.afterValue();
  }

  private startString(isKey: boolean): void {
    this.inString = true;
    this.stringIsKey = isKey;
    this.parts = [];
    this.partsLen = 0;
    this.escape = null;
  }

  private stringChars(text: string, i: number): number {
    const n = text.length;
    if (this.escape !== null) {
      const c = text[i]!;
      i++;
      this.column++;
      if (this.escape === '') {
        if (c === 'u') {
          this.escape = 'u';
          return i;
        }
        const r = ESC[c];
        if (r === undefined) this.fail(`invalid escape \\${c}`);
        this.push(r);
        this.escape = null;
        return i;
      }
      this.escape += c;
      if (this.escape.length === 5) {
        const hex = this.escape.slice(1);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`invalid escape \\u${hex}`);
        this.push(String.fromCharCode(Number.parseInt(hex, 16)));
        this.escape = null;
      }
      return i;
    }
    const s = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34 || c === 92 || c === 10) break;
      i++;
    }
    if (i > s) {
      this.push(text.slice(s, i));
      this.column += i - s;
    }
    if (i >= n) return i;
    const c = text.charCodeAt(i);
    if (c === 10) {
      this.push('\n');
      this.sink.newline?.(this.line);
      this.line++;
      this.column = 0;
      return i + 1;
    }
    this.column++;
    if (c === 92) {
      this.escape = '';
      return i + 1;
    }
    // Closing quote.
    this.inString = false;
    const value = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    if (this.stringIsKey) {
      this.sink.key(value);
      this.expect = 'colon';
    } else {
      this.sink.scalar(value, this.line);
      this.afterValue();
    }
    return i + 1;
  }

  private push(s: string): void {
    this.parts.push(s);
    this.partsLen += s.length;
    if (this.partsLen > this.limits.maxStringChars)
      this.fail(`a string longer than ${this.limits.maxStringChars} characters`);
  }
}

function isAtomStart(c: number): boolean {
  return c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110;
}

function isAtomChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 43 || c === 46
  );
}

function show(c: number): string {
  return c < 32 ? `control character 0x${c.toString(16)}` : `'${String.fromCharCode(c)}'`;
}
