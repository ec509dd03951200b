// sew renders every context file as a Go text/template (missingkey=error, functions env,
// default, required; notes add hasFlag). This is that engine: Go's grammar and semantics,
// with errors naming file:line and every run bounded in steps, output and call depth.
import { InputError } from '../../errors.js';
import { execute } from './evaluate.js';
import { BUILTINS } from './functions.js';
import { parseTemplate } from './parser.js';
import { TemplateError } from './template-error.js';

export interface TemplateFunctions {
  readonly [name: string]: (...args: unknown[]) => unknown;
}

export interface RenderOptions {
  /** What errors name, e.g. "registry/redis/standalone/sew.yaml" or a URL. */
  readonly file: string;
  /** Extra functions (sew-ci passes env, required is built in, default is built in). */
  readonly funcs?: TemplateFunctions;
  /** Bounds: max output characters (default 4 MiB) and max evaluation steps (default 1e6). */
  readonly maxOutput?: number;
  readonly maxSteps?: number;
}

const DEFAULT_MAX_OUTPUT = 4 * 1024 * 1024;
const DEFAULT_MAX_STEPS = 1_000_000;
/** Nested {{template}} calls; recursion deeper than this is a runaway template. */
const MAX_TEMPLATE_DEPTH = 100;
/** `and` and `or` are special forms of the evaluator, not entries of the function table. */
const LAZY_FUNCTIONS = new Set(['and', 'or']);

/** Renders `source` with `data` as dot. Throws InputError (src/core/errors.ts) whose `where` is `${file}:${line}` (line of the action being evaluated or parsed) and message says what failed. */
export function renderTemplate(source: string, data: Record<string, unknown>, options: RenderOptions): string {
  const funcs = { ...BUILTINS, ...options.funcs };
  try {
    const template = parseTemplate(source, (name) => Object.hasOwn(funcs, name) || LAZY_FUNCTIONS.has(name));
    return execute(template, data, funcs, {
      maxOutput: options.maxOutput ?? DEFAULT_MAX_OUTPUT,
      maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
      maxDepth: MAX_TEMPLATE_DEPTH,
    });
  } catch (err) {
    if (err instanceof TemplateError) throw new InputError(`${options.file}:${err.line}`, err.message);
    // The bounds above stop runaway templates first; these are the engine's last resort.
    if (err instanceof RangeError && /call stack|string length/i.test(err.message)) {
      throw new InputError(options.file, `template too large to evaluate (${err.message})`);
    }
    throw err;
  }
}

/** Cheap check used to skip rendering plain files. */
export function hasTemplateActions(source: string): boolean {
  return source.includes('{{');
}
