// Go text/template's predefined functions and sew's own (default, required). `and` and `or`
// are not here: they evaluate their arguments lazily, so the evaluator runs them itself.
import { sprint, sprintf, sprintln } from './format.js';
import { goLength, goType, isMap, isNil, isTrue } from './values.js';

export type TemplateFunction = (...args: unknown[]) => unknown;

/** A call that does not fit the function's signature; reported as is, like Go's argument checks. */
export class CallError extends Error {
  override readonly name = 'CallError';
}

function arity(name: string, args: readonly unknown[], min: number, max = min): void {
  if (args.length >= min && args.length <= max) return;
  const want = max === Infinity ? `at least ${min}` : min === max ? String(min) : `${min} to ${max}`;
  throw new CallError(`wrong number of args for ${name}: want ${want} got ${args.length}`);
}

function stringArgs(name: string, args: readonly unknown[]): string[] {
  return args.map((arg) => {
    if (typeof arg === 'string') return arg;
    if (isNil(arg)) throw new CallError(`invalid value; expected string in call to ${name}`);
    throw new CallError(`wrong type for value; expected string; got ${goType(arg)}`);
  });
}

/** An integer index within 0..max. */
function indexOf(index: unknown, max: number): number {
  if (typeof index !== 'number' || !Number.isInteger(index)) throw new Error(`cannot index slice/array with type ${goType(index)}`);
  if (index < 0 || index > max) throw new Error(`index out of range: ${index}`);
  return index;
}

type Kind = 'number' | 'string' | 'bool' | 'nil';

function kindOf(value: unknown): Kind {
  if (isNil(value)) return 'nil';
  if (typeof value === 'number' || typeof value === 'string') return typeof value as Kind;
  if (typeof value === 'boolean') return 'bool';
  throw new Error(`invalid type for comparison`);
}

function equal(a: unknown, b: unknown): boolean {
  const [ka, kb] = [kindOf(a), kindOf(b)];
  if (ka === 'nil' || kb === 'nil') return ka === kb;
  if (ka !== kb) throw new Error('incompatible types for comparison');
  return a === b;
}

function less(name: string, args: readonly unknown[]): boolean {
  arity(name, args, 2);
  const [a, b] = args;
  const [ka, kb] = [kindOf(a), kindOf(b)];
  if (ka !== kb) throw new Error('incompatible types for comparison');
  if (ka !== 'number' && ka !== 'string') throw new Error('invalid type for comparison');
  return (a as number | string) < (b as number | string);
}

function escaped(args: readonly unknown[]): string {
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}

const HTML_ESCAPES: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\uFFFD' };

function jsEscape(s: string): string {
  return s.replace(/[\\'"<>&=\u0000-\u001f]/g, (c) => {
    if (c === '\\' || c === "'" || c === '"') return `\\${c}`;
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

export const BUILTINS: Readonly<Record<string, TemplateFunction>> = {
  not: (...args) => {
    arity('not', args, 1);
    return !isTrue(args[0]);
  },
  len: (...args) => {
    arity('len', args, 1);
    const length = goLength(args[0]);
    if (length === undefined) throw new Error(`len of type ${goType(args[0])}`);
    return length;
  },
  index: (...args) => {
    arity('index', args, 1, Infinity);
    let item = args[0];
    for (const key of args.slice(1)) {
      if (isNil(item)) throw new Error('index of untyped nil');
      if (isMap(item)) {
        if (typeof key !== 'string') throw new Error(`value has type ${goType(key)}; should be string`);
        item = Object.hasOwn(item, key) ? item[key] : null;
      } else if (Array.isArray(item)) {
        item = item[indexOf(key, item.length - 1)];
      } else if (typeof item === 'string') {
        const bytes = Buffer.from(item, 'utf8');
        item = bytes[indexOf(key, bytes.length - 1)];
      } else {
        throw new Error(`can't index item of type ${goType(item)}`);
      }
    }
    return item;
  },
  slice: (...args) => {
    arity('slice', args, 1, 4);
    const [item, ...bounds] = args;
    if (typeof item !== 'string' && !Array.isArray(item)) throw new Error(`can't slice item of type ${goType(item)}`);
    if (typeof item === 'string' && bounds.length > 2) throw new Error('cannot 3-index slice a string');
    const length = typeof item === 'string' ? Buffer.byteLength(item, 'utf8') : item.length;
    const [low, high] = [bounds[0] ?? 0, bounds[1] ?? length].map((b) => indexOf(b, length));
    if (low! > high!) throw new Error(`invalid slice index: ${low} > ${high}`);
    if (typeof item !== 'string') return item.slice(low, high);
    return Buffer.from(item, 'utf8').subarray(low, high).toString('utf8');
  },
  print: (...args) => sprint(args),
  println: (...args) => sprintln(args),
  printf: (...args) => {
    arity('printf', args, 1, Infinity);
    const [format] = stringArgs('printf', args.slice(0, 1));
    return sprintf(format!, args.slice(1));
  },
  eq: (...args) => {
    arity('eq', args, 2, Infinity);
    return args.slice(1).some((other) => equal(args[0], other));
  },
  ne: (...args) => {
    arity('ne', args, 2);
    return !equal(args[0], args[1]);
  },
  lt: (...args) => less('lt', args),
  le: (...args) => less('le', args) || equal(args[0], args[1]),
  gt: (...args) => !less('gt', args) && !equal(args[0], args[1]),
  ge: (...args) => !less('ge', args),
  html: (...args) => escaped(args).replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c]!),
  js: (...args) => jsEscape(escaped(args)),
  urlquery: (...args) =>
    encodeURIComponent(escaped(args))
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+'),
  // sew's FuncMap (internal/template): both take strings, the piped value last.
  default: (...args) => {
    arity('default', args, 2);
    const [fallback, value] = stringArgs('default', args);
    return value === '' ? fallback : value;
  },
  required: (...args) => {
    arity('required', args, 2);
    const [message, value] = stringArgs('required', args);
    if (value === '') throw new Error(message);
    return value;
  },
};
