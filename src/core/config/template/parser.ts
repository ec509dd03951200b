// Builds the parse tree from tokens with Go's text/template grammar and its parse-time checks:
// unknown functions, undefined variables, unclosed or stray control words, break outside range.
import { lex, type Token, type TokenKind } from './lexer.js';
import type { Arg, Command, Node, ParsedTemplate, Pipeline } from './nodes.js';
import { TemplateError } from './template-error.js';

/** Deeper nesting than this is refused rather than risking the JavaScript stack. */
const MAX_NESTING = 100;

export function parseTemplate(source: string, isFunction: (name: string) => boolean): ParsedTemplate {
  return new Parser(lex(source), isFunction).parse();
}

type Terminator = { kind: 'end' | 'else' | 'eof'; line: number; elseKeyword?: string };

class Parser {
  private pos = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private nesting = 0;
  private readonly defines = new Map<string, Node[]>();

  constructor(
    private readonly tokens: Token[],
    private readonly isFunction: (name: string) => boolean,
  ) {}

  parse(): ParsedTemplate {
    const [root, term] = this.list(true);
    if (term.kind !== 'eof') throw new TemplateError(term.line, `unexpected {{${term.kind}}}`);
    return { root, defines: this.defines };
  }

  // --- tokens

  private next(): Token {
    const token = this.tokens[this.pos]!;
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private nextNonSpace(): Token {
    let token = this.next();
    while (token.kind === 'space') token = this.next();
    return token;
  }

  private peekNonSpace(): Token {
    const save = this.pos;
    const token = this.nextNonSpace();
    this.pos = save;
    return token;
  }

  private expect(kind: TokenKind, context: string): Token {
    const token = this.nextNonSpace();
    if (token.kind !== kind) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Token, context: string): never {
    const what = token.kind === 'eof' ? 'EOF' : token.kind === 'rightDelim' ? '"}}"' : JSON.stringify(token.value);
    throw new TemplateError(token.line, `unexpected ${what} in ${context}`);
  }

  // --- lists and actions

  /** Parses nodes up to `{{end}}`, `{{else}}` or the end of input, and says which stopped it. */
  private list(topLevel: boolean): [Node[], Terminator] {
    const nodes: Node[] = [];
    for (;;) {
      const token = this.next();
      if (token.kind === 'eof') return [nodes, { kind: 'eof', line: token.line }];
      if (token.kind === 'text') {
        nodes.push({ type: 'text', line: token.line, text: token.value });
        continue;
      }
      const word = this.peekNonSpace();
      if (word.kind === 'keyword' && (word.value === 'end' || word.value === 'else')) {
        this.nextNonSpace();
        if (word.value === 'end') {
          this.expect('rightDelim', 'end');
          return [nodes, { kind: 'end', line: word.line }];
        }
        const chained = this.peekNonSpace();
        if (chained.kind === 'keyword' && (chained.value === 'if' || chained.value === 'with')) {
          return [nodes, { kind: 'else', line: word.line, elseKeyword: chained.value }];
        }
        this.expect('rightDelim', 'else');
        return [nodes, { kind: 'else', line: word.line }];
      }
      if (word.kind === 'keyword' && word.value === 'define') {
        this.nextNonSpace();
        if (!topLevel) throw new TemplateError(word.line, 'unexpected {{define}}: define is allowed only at top level');
        this.define(word.line);
        continue;
      }
      nodes.push(this.action());
    }
  }

  private action(): Node {
    const token = this.peekNonSpace();
    if (token.kind !== 'keyword') return { type: 'action', line: token.line, pipe: this.pipeline('command', 'rightDelim') };
    this.nextNonSpace();
    switch (token.value) {
      case 'if':
      case 'with':
      case 'range':
        return this.control(token.value, token.line);
      case 'template':
        return this.templateCall(token.line);
      case 'block':
        return this.block(token.line);
      case 'break':
      case 'continue':
        this.expect('rightDelim', token.value);
        if (this.rangeDepth === 0) throw new TemplateError(token.line, `{{${token.value}}} outside {{range}}`);
        return { type: token.value, line: token.line };
      default:
        throw new TemplateError(token.line, `unexpected {{${token.value}}}`);
    }
  }

  private enter(line: number): void {
    if (++this.nesting > MAX_NESTING) throw new TemplateError(line, `nesting deeper than ${MAX_NESTING} levels`);
  }

  /** if / with / range: pipeline, body, optional else (or else-if / else-with chain), end. */
  private control(keyword: 'if' | 'with' | 'range', line: number): Node {
    this.enter(line);
    const scope = this.vars.length;
    const pipe = this.pipeline(keyword, 'rightDelim');
    if (keyword === 'range') this.rangeDepth++;
    let [list, term] = this.list(false);
    if (keyword === 'range') this.rangeDepth--;
    let elseList: Node[] = [];
    if (term.kind === 'else') {
      if (term.elseKeyword !== undefined) {
        if (term.elseKeyword !== keyword) {
          throw new TemplateError(term.line, `{{else ${term.elseKeyword}}} inside {{${keyword}}}`);
        }
        const nested = this.nextNonSpace();
        elseList = [this.control(keyword, nested.line)];
        term = { kind: 'end', line: nested.line };
      } else {
        [elseList, term] = this.list(false);
        if (term.kind === 'else') throw new TemplateError(term.line, `expected {{end}}; found {{else}}`);
      }
    }
    if (term.kind !== 'end') throw new TemplateError(line, `{{${keyword}}} has no matching {{end}}`);
    this.vars.length = scope;
    this.nesting--;
    return { type: keyword, line, pipe, list, elseList };
  }

  private templateName(context: string): string {
    const token = this.nextNonSpace();
    if (token.kind !== 'string') this.unexpected(token, `${context} clause`);
    return token.value;
  }

  private templateCall(line: number): Node {
    const name = this.templateName('template');
    if (this.peekNonSpace().kind === 'rightDelim') {
      this.nextNonSpace();
      return { type: 'template', line, name, pipe: undefined };
    }
    return { type: 'template', line, name, pipe: this.pipeline('template', 'rightDelim') };
  }

  private block(line: number): Node {
    const name = this.templateName('block');
    const pipe = this.pipeline('block', 'rightDelim');
    this.addDefine(name, this.body('block', line), line);
    return { type: 'template', line, name, pipe };
  }

  private define(line: number): void {
    const name = this.templateName('define');
    this.expect('rightDelim', 'define clause');
    this.addDefine(name, this.body('define', line), line);
  }

  /** As Go: an empty body never replaces another, two non-empty ones are an error. */
  private addDefine(name: string, body: Node[], line: number): void {
    const existing = this.defines.get(name);
    if (existing && !isEmpty(existing)) {
      if (isEmpty(body)) return;
      throw new TemplateError(line, `multiple definition of template "${name}"`);
    }
    this.defines.set(name, body);
  }

  /** A named template's body: its own variables (just `$`), no enclosing range. */
  private body(keyword: string, line: number): Node[] {
    this.enter(line);
    const [vars, rangeDepth] = [this.vars, this.rangeDepth];
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, term] = this.list(false);
    if (term.kind !== 'end') throw new TemplateError(line, `{{${keyword}}} has no matching {{end}}`);
    [this.vars, this.rangeDepth] = [vars, rangeDepth];
    this.nesting--;
    return list;
  }

  // --- pipelines

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): Pipeline {
    const line = this.peekNonSpace().line;
    const { decl, isAssign } = this.declarations(context);
    const cmds: Command[] = [];
    for (;;) {
      const token = this.peekNonSpace();
      if (token.kind === end) {
        this.nextNonSpace();
        break;
      }
      if (cmds.length > 0) {
        if (token.kind !== 'pipe') this.unexpected(token, context);
        this.nextNonSpace();
      }
      cmds.push(this.command(context, end));
    }
    if (cmds.length === 0) throw new TemplateError(line, `missing value for ${context}`);
    cmds.forEach((cmd, i) => {
      const first = cmd.args[0]!;
      if (i > 0 && (first.kind === 'literal' || first.kind === 'dot')) {
        throw new TemplateError(cmd.line, `non executable command in pipeline stage ${i + 1}`);
      }
    });
    return { line, decl, isAssign, cmds };
  }

  /** `$x :=`, `$x =`, and in range `$i, $v :=`. */
  private declarations(context: string): { decl: string[]; isAssign: boolean } {
    const save = this.pos;
    const decl: string[] = [];
    for (;;) {
      const variable = this.nextNonSpace();
      if (variable.kind !== 'variable') break;
      const after = this.nextNonSpace();
      if (after.kind === 'declare' || after.kind === 'assign') {
        decl.push(variable.value);
        const isAssign = after.kind === 'assign';
        if (isAssign) for (const name of decl) this.use(name, variable.line);
        else this.vars.push(...decl);
        return { decl, isAssign };
      }
      if (after.kind !== 'comma') break;
      decl.push(variable.value);
      if (context !== 'range' || decl.length > 1) {
        throw new TemplateError(variable.line, `too many declarations in ${context}`);
      }
    }
    this.pos = save;
    return { decl: [], isAssign: false };
  }

  private use(name: string, line: number): void {
    if (!this.vars.includes(name)) throw new TemplateError(line, `undefined variable "${name}"`);
  }

  private command(context: string, end: 'rightDelim' | 'rightParen'): Command {
    const args: Arg[] = [];
    const line = this.peekNonSpace().line;
    for (;;) {
      const token = this.peekNonSpace();
      if (token.kind === end || token.kind === 'pipe') break;
      if (args.length > 0 && this.peek().kind !== 'space') this.unexpected(token, 'operand');
      args.push(this.operand(context));
    }
    if (args.length === 0) throw new TemplateError(line, 'empty command');
    return { line, args };
  }

  /** A term followed by `.field` chains, as in `$x.a.b` or `(index . 0).name`. */
  private operand(context: string): Arg {
    const arg = this.term(context);
    const names: string[] = [];
    while (this.peek().kind === 'field') names.push(this.next().value);
    if (names.length === 0) return arg;
    switch (arg.kind) {
      case 'field':
        return { ...arg, names: [...arg.names, ...names] };
      case 'variable':
        return { ...arg, names: [...arg.names, ...names] };
      case 'pipeline':
        return { kind: 'chain', line: arg.line, pipe: arg.pipe, names };
      default:
        throw new TemplateError(arg.line, `unexpected . after term ${JSON.stringify(names[0])}`);
    }
  }

  private term(context: string): Arg {
    const token = this.nextNonSpace();
    const line = token.line;
    switch (token.kind) {
      case 'dot':
        return { kind: 'dot', line };
      case 'field':
        return { kind: 'field', line, names: [token.value] };
      case 'variable':
        this.use(token.value, line);
        return { kind: 'variable', line, name: token.value, names: [] };
      case 'identifier':
        if (!this.isFunction(token.value)) throw new TemplateError(line, `function "${token.value}" not defined`);
        return { kind: 'identifier', line, name: token.value };
      case 'string':
        return { kind: 'literal', line, value: token.value, text: token.value };
      case 'number':
        return { kind: 'literal', line, value: numberValue(token.value, line), text: token.value };
      case 'bool':
        return { kind: 'literal', line, value: token.value === 'true', text: token.value };
      case 'nil':
        return { kind: 'literal', line, value: null, text: 'nil' };
      case 'leftParen': {
        this.enter(line);
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        this.nesting--;
        return { kind: 'pipeline', line, pipe };
      }
      default:
        this.unexpected(token, context === 'command' ? 'operand' : context);
    }
  }
}

/** Only whitespace text: Go's IsEmptyTree. */
function isEmpty(nodes: readonly Node[]): boolean {
  return nodes.every((node) => node.type === 'text' && node.text.trim() === '');
}

function numberValue(text: string, line: number): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.replace(/^[+-]/, '').replace(/_/g, '');
  let value: number;
  if (/^0[0-7]+$/.test(digits)) value = parseInt(digits, 8);
  else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
  else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
  else value = Number(digits);
  if (!Number.isFinite(value)) throw new TemplateError(line, `illegal number syntax: ${JSON.stringify(text)}`);
  return sign * value;
}
