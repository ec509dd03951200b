// The `tools` use case: the kind and kubectl releases a job asked for, into $SEW_HOME/tools,
// each checked against its published sha256. A warm job finds them there (restored from their
// own cache entries in the action, from the CI system's cache elsewhere) and downloads nothing;
// a kept binary whose sha256 no longer matches the one it was checked against is refused and
// downloaded again.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { separateKey, type SeparateHandoff } from './cache/separate.js';
import type { CacheStore } from './cache/store.js';
import { describeError, RuntimeError } from './errors.js';
import { withHomeLock } from './lock.js';
import { sewHome } from './paths.js';
import type { Downloads } from './ports/downloads.js';
import type { Reporter } from './ports/reporter.js';
import { cachedToolProblem, sha256File } from './tools/cached.js';
import { checksumFile, planTools, type ToolPlan, type ToolRequest } from './tools/plan.js';

export interface ToolsOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly sewHome?: string;
  readonly tools: readonly ToolRequest[];
  /** Restore each tool's own entry first (the action); its save is the post step's. */
  readonly cache?: { readonly store: CacheStore; readonly prefix: string };
}

export interface InstalledTool {
  readonly name: string;
  readonly version: string;
  readonly binary: string;
  /** The directory to put on the PATH. */
  readonly dir: string;
  readonly source: 'cached' | 'downloaded';
  readonly bytesFetched: number;
  readonly sha256: string;
}

export interface ToolsOutcome {
  readonly tools: readonly InstalledTool[];
  readonly bytesFetched: number;
  /** The tools' cache entries, for the save after the job. */
  readonly separate: readonly SeparateHandoff[];
}

export async function installTools(options: ToolsOptions, deps: { readonly downloads: Downloads; readonly reporter: Reporter }): Promise<ToolsOutcome> {
  const home = sewHome(options.env, options.cwd, options.sewHome);
  const planned = planTools(options.tools, home, options.env);
  return withHomeLock(home, deps.reporter, async () => {
    const tools: InstalledTool[] = [];
    const separate: SeparateHandoff[] = [];
    for (const tool of planned) {
      const entry = { name: 'tool' as const, key: tool.cacheKey, paths: [tool.dir], tool: { binary: tool.binary } };
      const restored = options.cache ? await restore(options.cache, entry, deps.reporter) : false;
      separate.push({ ...entry, restored });
      tools.push(await install(tool, deps));
    }
    return { tools, bytesFetched: tools.reduce((sum, t) => sum + t.bytesFetched, 0), separate };
  });
}

async function restore(cache: NonNullable<ToolsOptions['cache']>, entry: { key: string; paths: readonly string[] }, reporter: Reporter): Promise<boolean> {
  const key = separateKey(cache.prefix, entry);
  try {
    return (await cache.store.restore(entry.paths, key, [])) === key;
  } catch (err) {
    reporter.warn(`${key} not restored: ${describeError(err)}; downloading instead`);
    return false;
  }
}

async function install(tool: ToolPlan, { downloads, reporter }: { downloads: Downloads; reporter: Reporter }): Promise<InstalledTool> {
  const problem = await cachedToolProblem(tool.binary);
  const described = { name: tool.name, version: tool.version, binary: tool.binary, dir: tool.dir };
  if (problem === undefined) {
    reporter.info(`${tool.name} ${tool.version} from ${tool.dir}`);
    return { ...described, source: 'cached', bytesFetched: 0, sha256: await sha256File(tool.binary) };
  }
  if (problem === 'sha256 mismatch') reporter.warn(`${tool.binary}: its sha256 no longer matches the one it was checked against; refused, downloading ${tool.name} ${tool.version} again`);
  const expected = (await downloads.text(tool.checksumUrl)).trim().split(/\s+/)[0] ?? '';
  if (!/^[a-f0-9]{64}$/.test(expected)) throw new RuntimeError(`${tool.name} ${tool.version}: ${tool.checksumUrl} holds no sha256`);
  await mkdir(tool.dir, { recursive: true });
  const partial = `${tool.binary}.partial`;
  try {
    const bytes = await downloads.file(tool.url, partial);
    const actual = await sha256File(partial);
    if (actual !== expected) throw new RuntimeError(`${tool.name} ${tool.version}: checksum mismatch (published ${expected}, downloaded ${actual}); refused`);
    // The checksum first: a binary without it is never taken for a checked one.
    await writeFile(checksumFile(tool.binary), `${actual}\n`);
    await rename(partial, tool.binary);
    reporter.info(`${tool.name} ${tool.version} downloaded into ${tool.dir} (sha256 ${actual})`);
    return { ...described, source: 'downloaded', bytesFetched: bytes, sha256: actual };
  } finally {
    await rm(partial, { force: true });
  }
}
