// One entry file per entry point so `node dist/cli.js` and the action's main/post run
// from a fresh clone with no node_modules at run time. Code shared by the entries, and code
// a command imports with `import()`, lands in dist/chunks/: a command loads only what it
// uses (`plan` and `--version` never compile the Docker client).
// `--outdir DIR` builds elsewhere; `--metafile FILE` writes esbuild's map of which source
// went into which output file (the start-up test reads it).
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' }, metafile: { type: 'string' } } });

rmSync(values.outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    cli: 'src/cli/bin.ts',
    main: 'src/action/main-entry.ts',
    post: 'src/action/post-entry.ts',
  },
  outdir: values.outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // docker-modem loads ssh2 eagerly, so it is bundled; its optional native add-ons are
  // loaded in try/catch and left out (the ssh transport is never used here anyway).
  external: ['cpu-features', '*.node'],
  // Bundled CommonJS dependencies use require(), __filename and __dirname; every ESM output
  // file (entries and chunks alike) gets them from the banner. The file names go by names no
  // bundled module declares: esbuild renames its modules' own top-level `__filename` only
  // where the chunk also uses the global one, so a plain `const __filename` can clash.
  define: { __filename: '__sewFilename', __dirname: '__sewDirname' },
  banner: {
    js: [
      "import { createRequire as __sewCreateRequire } from 'node:module';",
      "import { fileURLToPath as __sewFileURLToPath } from 'node:url';",
      "import { dirname as __sewDirnameOf } from 'node:path';",
      'const require = __sewCreateRequire(import.meta.url);',
      'const __sewFilename = __sewFileURLToPath(import.meta.url);',
      'const __sewDirname = __sewDirnameOf(__sewFilename);',
    ].join(' '),
  },
  metafile: values.metafile !== undefined,
  legalComments: 'none',
  logLevel: 'warning',
});
if (values.metafile) writeFileSync(values.metafile, JSON.stringify(result.metafile));
