// Go's fmt as templates use it: %v printing of values (map[a:1], [a b], 1e-05), Sprint's
// spacing, Sprintln, and Sprintf with the common verbs and flags.
import { goType, isMap, isNil, sortedKeys } from './values.js';

/** fmt's %v. Nested nil prints as <nil>. */
export function formatValue(value: unknown): string {
  if (isNil(value)) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(' ')}]`;
  if (isMap(value)) return `map[${sortedKeys(value).map((k) => `${k}:${formatValue(value[k])}`).join(' ')}]`;
  if (typeof value === 'function') return '0x0';
  return String(value);
}

/** Integers print whole; other numbers as Go's %v of a float64: shortest digits, an exponent below 1e-4 or from 1e6. */
function formatNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 6) return goExponent(n.toExponential());
  return String(n);
}

/** JavaScript's 1e-5 / 1.5e+21 as Go writes them: 1e-05, 1.5e+21. */
function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** fmt.Sprint: a space between operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(arg);
  });
  return out;
}

export function sprintln(args: readonly unknown[]): string {
  return `${args.map(formatValue).join(' ')}\n`;
}

/** strconv.Quote. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code === 7) out += '\\a';
    else if (code === 8) out += '\\b';
    else if (code === 12) out += '\\f';
    else if (code === 10) out += '\\n';
    else if (code === 13) out += '\\r';
    else if (code === 9) out += '\\t';
    else if (code === 11) out += '\\v';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const MAX_WIDTH = 1e6;

interface Spec {
  readonly minus: boolean;
  readonly plus: boolean;
  readonly zero: boolean;
  readonly sharp: boolean;
  readonly space: boolean;
  readonly width: number | undefined;
  readonly precision: number | undefined;
}

/** fmt.Sprintf with flags -+# 0, width, precision and verbs v s d q t x X o b c e f g %. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let argIndex = 0;
  const out = format.replace(
    /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?([a-zA-Z%])?/g,
    (_all, flags: string, width: string | undefined, precision: string | undefined, verb: string | undefined) => {
      if (verb === undefined) return '%!(NOVERB)';
      if (verb === '%') return '%';
      const star = (text: string | undefined): number | undefined => {
        if (text !== '*') return text === undefined ? undefined : Number(text);
        const value = args[argIndex++];
        return typeof value === 'number' ? value : undefined;
      };
      // Like Go's fmt, widths and precisions beyond 1e6 are refused rather than allocated.
      let bad = '';
      let widthValue = star(width);
      if (widthValue !== undefined && Math.abs(widthValue) > MAX_WIDTH) [widthValue, bad] = [undefined, '%!(BADWIDTH)'];
      let precisionValue = _all.includes('.') ? (star(precision) ?? 0) : undefined;
      if (precisionValue !== undefined && Math.abs(precisionValue) > MAX_WIDTH) [precisionValue, bad] = [undefined, `${bad}%!(BADPREC)`];
      const spec: Spec = {
        minus: flags.includes('-'),
        plus: flags.includes('+'),
        zero: flags.includes('0') && !flags.includes('-'),
        sharp: flags.includes('#'),
        space: flags.includes(' '),
        width: widthValue,
        precision: precisionValue,
      };
      if (argIndex >= args.length) return `${bad}%!${verb}(MISSING)`;
      return bad + pad(formatVerb(verb, args[argIndex++], spec), spec);
    },
  );
  if (argIndex >= args.length) return out;
  const extra = args.slice(argIndex).map((a) => `${goType(a)}=${formatValue(a)}`);
  return `${out}%!(EXTRA ${extra.join(', ')})`;
}

function pad(text: string, spec: Spec): string {
  if (spec.width === undefined || text.length >= spec.width) return text;
  if (spec.minus) return text.padEnd(spec.width);
  if (spec.zero && /^[+-]?[\d.]/.test(text) && !text.startsWith('%!')) {
    const sign = /^[+-]/.test(text) ? text[0]! : '';
    return sign + text.slice(sign.length).padStart(spec.width - sign.length, '0');
  }
  return text.padStart(spec.width);
}

function badVerb(verb: string, value: unknown): string {
  return isNil(value) ? `%!${verb}(<nil>)` : `%!${verb}(${goType(value)}=${formatValue(value)})`;
}

function signed(text: string, n: number, spec: Spec): string {
  if (n < 0 || Object.is(n, -0)) return text;
  return spec.plus ? `+${text}` : spec.space ? ` ${text}` : text;
}

function formatVerb(verb: string, value: unknown, spec: Spec): string {
  const integer = typeof value === 'number' && Number.isInteger(value);
  switch (verb) {
    case 'v':
      if (spec.sharp && typeof value === 'string') return quote(value);
      return typeof value === 'number' ? signed(formatValue(value), value, spec) : formatValue(value);
    case 's':
      if (typeof value === 'string') return spec.precision === undefined ? value : [...value].slice(0, spec.precision).join('');
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return formatValue(value);
      return badVerb(verb, value);
    case 'q':
      if (typeof value === 'string') return quote(value);
      if (integer) return `'${String.fromCodePoint(value)}'`;
      return badVerb(verb, value);
    case 't':
      return typeof value === 'boolean' ? String(value) : badVerb(verb, value);
    case 'd':
    case 'b':
    case 'o':
    case 'c': {
      if (!integer) return badVerb(verb, value);
      if (verb === 'c') return String.fromCodePoint(value);
      const radix = verb === 'd' ? 10 : verb === 'b' ? 2 : 8;
      const digits = Math.abs(value).toString(radix);
      return signed(`${value < 0 ? '-' : ''}${spec.sharp && verb === 'o' ? '0' : ''}${digits}`, value, spec);
    }
    case 'x':
    case 'X': {
      let hex: string;
      if (typeof value === 'string') hex = Buffer.from(value, 'utf8').toString('hex');
      else if (integer) hex = `${value < 0 ? '-' : ''}${spec.sharp ? '0x' : ''}${Math.abs(value).toString(16)}`;
      else return badVerb(verb, value);
      return verb === 'X' ? hex.toUpperCase() : hex;
    }
    case 'e':
    case 'f':
    case 'g': {
      if (typeof value !== 'number') return badVerb(verb, value);
      const precision = spec.precision;
      const text =
        verb === 'f'
          ? value.toFixed(precision ?? 6)
          : verb === 'e'
            ? goExponent(value.toExponential(precision ?? 6))
            : precision === undefined
              ? formatNumber(value)
              : goExponent(String(Number(value.toPrecision(precision || 1))));
      return signed(text, value, spec);
    }
    default:
      return badVerb(verb, value);
  }
}
