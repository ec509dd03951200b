// Executes a parsed template as Go's text/template does with missingkey=error, within
// bounds on evaluation steps, output size and template call depth.
import { formatValue } from './format.js';
import { CallError, type TemplateFunction } from './functions.js';
import type { Arg, Command, IfNode, Node, ParsedTemplate, Pipeline, RangeNode, TemplateCallNode, WithNode } from './nodes.js';
import { TemplateError } from './template-error.js';
import { goType, isMap, isNil, isTrue, sortedKeys } from './values.js';

export interface Limits {
  readonly maxOutput: number;
  readonly maxSteps: number;
  readonly maxDepth: number;
}

/** No value piped into a command (distinct from a piped nil). */
const MISSING = Symbol('missing');
type Signal = 'break' | 'continue' | undefined;

interface Variable {
  readonly name: string;
  value: unknown;
}

export function execute(
  template: ParsedTemplate,
  data: unknown,
  funcs: Readonly<Record<string, TemplateFunction>>,
  limits: Limits,
): string {
  return new Evaluator(template, funcs, limits).run(data);
}

class Evaluator {
  private readonly out: string[] = [];
  private size = 0;
  private steps = 0;
  private depth = 0;
  private vars: Variable[] = [];

  constructor(
    private readonly template: ParsedTemplate,
    private readonly funcs: Readonly<Record<string, TemplateFunction>>,
    private readonly limits: Limits,
  ) {}

  run(data: unknown): string {
    this.vars = [{ name: '$', value: data }];
    this.list(this.template.root, data);
    return this.out.join('');
  }

  private step(line: number): void {
    if (++this.steps > this.limits.maxSteps) {
      throw new TemplateError(line, `evaluation exceeded ${this.limits.maxSteps} steps`);
    }
  }

  private write(text: string, line: number): void {
    this.size += text.length;
    if (this.size > this.limits.maxOutput) {
      throw new TemplateError(line, `output exceeds ${this.limits.maxOutput} characters`);
    }
    this.out.push(text);
  }

  // --- nodes

  private list(nodes: readonly Node[], dot: unknown): Signal {
    for (const node of nodes) {
      const signal = this.node(node, dot);
      if (signal) return signal;
    }
    return undefined;
  }

  private node(node: Node, dot: unknown): Signal {
    this.step(node.line);
    switch (node.type) {
      case 'text':
        this.write(node.text, node.line);
        return undefined;
      case 'action': {
        const value = this.pipeline(node.pipe, dot);
        if (node.pipe.decl.length === 0) this.write(isNil(value) ? '<no value>' : formatValue(value), node.line);
        return undefined;
      }
      case 'if':
      case 'with':
        return this.conditional(node, dot);
      case 'range':
        return this.range(node, dot);
      case 'template':
        this.templateCall(node, dot);
        return undefined;
      case 'break':
      case 'continue':
        return node.type;
    }
  }

  private conditional(node: IfNode | WithNode, dot: unknown): Signal {
    const mark = this.vars.length;
    try {
      const value = this.pipeline(node.pipe, dot);
      if (isTrue(value)) return this.list(node.list, node.type === 'with' ? value : dot);
      return this.list(node.elseList, dot);
    } finally {
      this.vars.length = mark;
    }
  }

  private range(node: RangeNode, dot: unknown): Signal {
    const mark = this.vars.length;
    try {
      const { decl, isAssign } = node.pipe;
      const collection = this.pipeline(node.pipe, dot);
      if (typeof collection === 'number' && decl.length > 1) {
        throw new TemplateError(node.line, `can't use ${decl.join(', ')} to iterate over int`);
      }
      const scope = this.vars.length;
      let empty = true;
      for (const [key, elem] of this.entries(collection, node.line)) {
        empty = false;
        this.step(node.line);
        this.vars.length = scope;
        const values = decl.length === 2 ? [key, elem] : [elem];
        decl.forEach((name, i) => this.define(name, values[i], isAssign));
        if (this.list(node.list, elem) === 'break') break;
      }
      return empty ? this.list(node.elseList, dot) : undefined;
    } finally {
      this.vars.length = mark;
    }
  }

  private *entries(collection: unknown, line: number): Generator<[unknown, unknown]> {
    if (Array.isArray(collection)) {
      for (let i = 0; i < collection.length; i++) yield [i, collection[i]];
    } else if (isMap(collection)) {
      for (const key of sortedKeys(collection)) yield [key, collection[key]];
    } else if (typeof collection === 'number' && Number.isInteger(collection)) {
      for (let i = 0; i < collection; i++) yield [i, i];
    } else if (!isNil(collection)) {
      throw new TemplateError(line, `range can't iterate over ${formatValue(collection)}`);
    }
  }

  private templateCall(node: TemplateCallNode, dot: unknown): void {
    const body = this.template.defines.get(node.name);
    if (!body) throw new TemplateError(node.line, `no such template "${node.name}"`);
    const data = node.pipe ? this.pipeline(node.pipe, dot) : null;
    if (this.depth >= this.limits.maxDepth) {
      throw new TemplateError(node.line, `exceeded maximum template depth (${this.limits.maxDepth})`);
    }
    const vars = this.vars;
    this.depth++;
    this.vars = [{ name: '$', value: data }];
    try {
      this.list(body, data);
    } finally {
      this.vars = vars;
      this.depth--;
    }
  }

  // --- variables

  private define(name: string, value: unknown, isAssign: boolean): void {
    if (isAssign) this.lookup(name).value = value;
    else this.vars.push({ name, value });
  }

  private lookup(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!;
    throw new Error(`undefined variable ${name} survived parsing`);
  }

  // --- pipelines

  private pipeline(pipe: Pipeline, dot: unknown): unknown {
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) value = this.command(cmd, dot, value);
    for (const name of pipe.decl) this.define(name, value, pipe.isAssign);
    return value;
  }

  private command(cmd: Command, dot: unknown, final: unknown): unknown {
    this.step(cmd.line);
    const [first, ...rest] = cmd.args as [Arg, ...Arg[]];
    if (first.kind === 'identifier') return this.call(first.name, rest, dot, final, first.line);
    const hasArgs = rest.length > 0 || final !== MISSING;
    if (first.kind === 'literal' && first.value === null) throw new TemplateError(first.line, 'nil is not a command');
    if (hasArgs) {
      const named = (first.kind === 'field' || first.kind === 'variable' || first.kind === 'chain') && first.names.length > 0;
      const what = named ? `${first.names.at(-1)} is not a method but has arguments` : `can't give argument to non-function ${text(first)}`;
      throw new TemplateError(first.line, what);
    }
    return this.arg(first, dot);
  }

  private arg(arg: Arg, dot: unknown): unknown {
    switch (arg.kind) {
      case 'dot':
        return dot;
      case 'literal':
        return arg.value;
      case 'identifier':
        return this.call(arg.name, [], dot, MISSING, arg.line);
      case 'pipeline':
        return this.pipeline(arg.pipe, dot);
      case 'field':
        return this.fields(dot, arg);
      case 'variable':
        return this.fields(this.lookup(arg.name).value, arg);
      case 'chain':
        return this.fields(this.pipeline(arg.pipe, dot), arg);
    }
  }

  /** `.a.b` on a receiver: maps by key (missing keys are errors), anything else fails. */
  private fields(receiver: unknown, arg: Arg & { names: readonly string[] }): unknown {
    let value = receiver;
    for (const name of arg.names) {
      let problem: string | undefined;
      if (isMap(value)) {
        if (Object.hasOwn(value, name)) value = value[name];
        else problem = `map has no entry for key "${name}"`;
      } else if (isNil(value)) {
        problem = `nil data; no entry for key "${name}"`;
      } else {
        problem = `can't evaluate field ${name} in type ${goType(value)}`;
      }
      if (problem) throw new TemplateError(arg.line, `at <${text(arg)}>: ${problem}`);
    }
    return value;
  }

  private call(name: string, argNodes: readonly Arg[], dot: unknown, final: unknown, line: number): unknown {
    this.step(line);
    const fn = Object.hasOwn(this.funcs, name) ? this.funcs[name] : undefined;
    if (!fn && (name === 'and' || name === 'or')) return this.logical(name, argNodes, dot, final, line);
    if (!fn) throw new TemplateError(line, `function "${name}" not defined`);
    const args = argNodes.map((a) => this.arg(a, dot));
    if (final !== MISSING) args.push(final);
    let result: unknown;
    try {
      result = fn(...args);
    } catch (err) {
      if (err instanceof TemplateError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw new TemplateError(line, err instanceof CallError ? message : `error calling ${name}: ${message}`);
    }
    // Doubling a string a few dozen times would exhaust memory long before anything is written.
    if (typeof result === 'string' && result.length > this.limits.maxOutput) {
      throw new TemplateError(line, `result of ${name} exceeds ${this.limits.maxOutput} characters`);
    }
    return result === undefined ? null : result;
  }

  /** `and` / `or` stop at the first argument that decides, as Go's do since 1.18. */
  private logical(name: 'and' | 'or', argNodes: readonly Arg[], dot: unknown, final: unknown, line: number): unknown {
    const count = argNodes.length + (final === MISSING ? 0 : 1);
    if (count === 0) throw new TemplateError(line, `wrong number of args for ${name}: want at least 1 got 0`);
    let value: unknown;
    for (const node of argNodes) {
      value = this.arg(node, dot);
      if (isTrue(value) === (name === 'or')) return value;
    }
    return final === MISSING ? value : final;
  }
}

/** An argument as written, for error messages: `.a.b`, `$x.y`, `"s"`. */
function text(arg: Arg): string {
  switch (arg.kind) {
    case 'dot':
      return '.';
    case 'field':
      return `.${arg.names.join('.')}`;
    case 'variable':
      return [arg.name, ...arg.names].join('.');
    case 'chain':
      return `(...).${arg.names.join('.')}`;
    case 'pipeline':
      return '(...)';
    case 'identifier':
      return arg.name;
    case 'literal':
      return typeof arg.value === 'string' ? JSON.stringify(arg.value) : arg.text;
  }
}
