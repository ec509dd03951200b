// Splits a Go text/template source into tokens, as Go's text/template/parse lexer does:
// text between actions, and inside `{{ }}` the words of the action. Trim markers are applied
// here (they only change the neighbouring text) and comments vanish.
import { TemplateError } from './template-error.js';

export type TokenKind =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'field'
  | 'variable'
  | 'dot'
  | 'identifier'
  | 'keyword'
  | 'string'
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The source text, except for 'string' (the unquoted value) and 'field' (the name without the dot). */
  readonly value: string;
  readonly line: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);
const PUNCTUATION: Readonly<Record<string, TokenKind>> = { '|': 'pipe', '(': 'leftParen', ')': 'rightParen', ',': 'comma', '=': 'assign' };
const SPACE = /[ \t\r\n]/;
const ALNUM = /[\p{L}\p{Nd}_]/u;
// Sticky, so a number is matched where it starts without copying the rest of the source.
const NUMBER = /[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/y;

/** From `from`, stepping by `step`, the first index that is not Go template whitespace. */
function spaceRun(text: string, from: number, step: 1 | -1): number {
  let i = from;
  while (i >= 0 && i < text.length && SPACE.test(text[i]!)) i += step;
  return i;
}

export function lex(source: string): Token[] {
  return new Lexer(source).run();
}

class Lexer {
  private pos = 0;
  private line = 1;
  private readonly tokens: Token[] = [];
  private trimNextText = false;

  constructor(private readonly src: string) {}

  run(): Token[] {
    while (this.pos < this.src.length) {
      const open = this.src.indexOf('{{', this.pos);
      const end = open < 0 ? this.src.length : open;
      let text = this.src.slice(this.pos, end);
      const textLine = this.line;
      this.advanceTo(end);
      if (this.trimNextText) text = text.slice(spaceRun(text, 0, 1));
      this.trimNextText = false;
      const leftTrim = open >= 0 && this.src.startsWith('{{-', open) && SPACE.test(this.src[open + 3] ?? '');
      if (leftTrim) text = text.slice(0, spaceRun(text, text.length - 1, -1) + 1);
      if (text) this.tokens.push({ kind: 'text', value: text, line: textLine });
      if (open < 0) break;
      this.action(leftTrim);
    }
    this.tokens.push({ kind: 'eof', value: '', line: this.line });
    return this.tokens;
  }

  private advanceTo(target: number): void {
    for (let i = this.pos; i < target; i++) if (this.src.charCodeAt(i) === 10) this.line++;
    this.pos = target;
  }

  private emit(kind: TokenKind, start: number, value = this.src.slice(start, this.pos), line = this.line): void {
    this.tokens.push({ kind, value, line });
  }

  private fail(message: string, line = this.line): never {
    throw new TemplateError(line, message);
  }

  /** Lexes one action from its `{{` to its `}}`. */
  private action(leftTrim: boolean): void {
    const startLine = this.line;
    // A trim marker is "{{- " with its one whitespace character, after which a comment may start.
    this.advanceTo(this.pos + (leftTrim ? 4 : 2));
    if (this.comment(startLine)) return;
    this.emit('leftDelim', this.pos, '{{', startLine);
    let parens = 0;
    for (;;) {
      const c = this.src[this.pos];
      const start = this.pos;
      if (c === undefined) this.fail('unclosed action', startLine);
      if (this.src.startsWith('}}', this.pos)) {
        if (parens > 0) this.fail('unclosed left paren');
        this.advanceTo(this.pos + 2);
        this.emit('rightDelim', start, '}}');
        return;
      }
      if (SPACE.test(c)) {
        let end = this.pos;
        while (SPACE.test(this.src[end] ?? '')) end++;
        if (this.src.startsWith('-}}', end)) {
          this.advanceTo(end + 3);
          this.emit('rightDelim', start, '}}');
          if (parens > 0) this.fail('unclosed left paren');
          this.trimNextText = true;
          return;
        }
        this.advanceTo(end);
        this.emit('space', start);
        continue;
      }
      const punctuation = PUNCTUATION[c];
      if (punctuation) {
        if (c === '(') parens++;
        if (c === ')' && --parens < 0) this.fail('unexpected right paren');
        this.pos++;
        this.emit(punctuation, start);
        continue;
      }
      switch (c) {
        case '"':
          this.quoted(start);
          continue;
        case '`':
          this.raw(start);
          continue;
        case "'":
          this.charConstant(start);
          continue;
        case '$':
          this.pos++;
          this.word();
          this.emit('variable', start);
          this.terminator();
          continue;
        case ':':
          if (this.src[this.pos + 1] !== '=') this.fail('expected :=');
          this.pos += 2;
          this.emit('declare', start);
          continue;
        case '.':
          if (/[0-9]/.test(this.src[this.pos + 1] ?? '')) break;
          this.pos++;
          if (ALNUM.test(this.src[this.pos] ?? '')) {
            this.word();
            this.emit('field', start, this.src.slice(start + 1, this.pos));
            this.terminator();
          } else {
            this.emit('dot', start);
          }
          continue;
      }
      if (/[0-9+\-.]/.test(c)) {
        this.number(start);
        continue;
      }
      if (ALNUM.test(c)) {
        this.word();
        const word = this.src.slice(start, this.pos);
        const kind: TokenKind = KEYWORDS.has(word)
          ? 'keyword'
          : word === 'true' || word === 'false'
            ? 'bool'
            : word === 'nil'
              ? 'nil'
              : 'identifier';
        this.emit(kind, start);
        this.terminator();
        continue;
      }
      this.fail(`unrecognized character in action: ${JSON.stringify(c)}`);
    }
  }

  /** `{{/* ... *\/}}`, with optional trim markers: consumed whole, nothing emitted. */
  private comment(startLine: number): boolean {
    if (!this.src.startsWith('/*', this.pos)) return false;
    const close = this.src.indexOf('*/', this.pos + 2);
    if (close < 0) this.fail('unclosed comment', startLine);
    this.advanceTo(close + 2);
    const trimmed = /^[ \t\r\n]+-\}\}/.exec(this.src.slice(this.pos, this.pos + 64));
    if (trimmed) {
      this.advanceTo(this.pos + trimmed[0].length);
      this.trimNextText = true;
    } else if (this.src.startsWith('}}', this.pos)) {
      this.advanceTo(this.pos + 2);
    } else {
      this.fail('comment ends before closing delimiter', startLine);
    }
    return true;
  }

  private word(): void {
    while (ALNUM.test(this.src[this.pos] ?? '')) this.pos++;
  }

  /** Go refuses a word glued to something that cannot follow it, e.g. `.a-b`. */
  private terminator(): void {
    const c = this.src[this.pos];
    if (c === undefined || SPACE.test(c) || '.,|:()'.includes(c) || this.src.startsWith('}}', this.pos)) return;
    this.fail(`bad character ${JSON.stringify(c)}`);
  }

  /** The index of the quote closing a "..." or '...' literal that opens at this.pos. */
  private closingQuote(quote: string, what: string): number {
    let i = this.pos + 1;
    for (;;) {
      const c = this.src[i];
      if (c === undefined || c === '\n') this.fail(`unterminated ${what}`);
      if (c === '\\') i += 2;
      else if (c === quote) return i;
      else i++;
    }
  }

  private quoted(start: number): void {
    const close = this.closingQuote('"', 'quoted string');
    this.pos = close + 1;
    this.emit('string', start, unquote(this.src.slice(start + 1, close), this.line));
  }

  private raw(start: number): void {
    const close = this.src.indexOf('`', this.pos + 1);
    if (close < 0) this.fail('unterminated raw quoted string');
    const startLine = this.line;
    this.advanceTo(close + 1);
    this.emit('string', start, this.src.slice(start + 1, close).replace(/\r/g, ''), startLine);
  }

  private charConstant(start: number): void {
    const close = this.closingQuote("'", 'character constant');
    const chars = [...unquote(this.src.slice(start + 1, close), this.line)];
    if (chars.length !== 1) this.fail(`malformed character constant: ${this.src.slice(start, close + 1)}`);
    this.pos = close + 1;
    this.emit('number', start, String(chars[0]!.codePointAt(0)));
  }

  private number(start: number): void {
    NUMBER.lastIndex = this.pos;
    const text = NUMBER.exec(this.src)?.[0] ?? '';
    this.pos += text.length;
    if (!/\d/.test(text) || ALNUM.test(this.src[this.pos] ?? '') || this.src[this.pos] === '.') {
      while (this.pos < this.src.length && !SPACE.test(this.src[this.pos]!) && !this.src.startsWith('}}', this.pos)) this.pos++;
      this.fail(`bad number syntax: ${JSON.stringify(this.src.slice(start, this.pos))}`);
    }
    this.emit('number', start);
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'",
};

/** Go's escapes in "..." and '...' literals: \n \t \\ \" \xhh \ooo \uhhhh \Uhhhhhhhh ... */
function unquote(body: string, line: number): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (all, esc: string) => {
    if (esc.length === 1) {
      const simple = SIMPLE_ESCAPES[esc];
      if (simple === undefined) throw new TemplateError(line, `invalid escape ${all} in string`);
      return simple;
    }
    const code = esc[0] === 'x' || esc[0] === 'u' || esc[0] === 'U' ? parseInt(esc.slice(1), 16) : parseInt(esc, 8);
    if (code > 0x10ffff) throw new TemplateError(line, `invalid escape ${all} in string`);
    return String.fromCodePoint(code);
  });
}
