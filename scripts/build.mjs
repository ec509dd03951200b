// One bundle per entry point so `node dist/cli.js` and the action's main/post run
// from a fresh clone with no node_modules at run time.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: {
    cli: 'src/cli/bin.ts',
    main: 'src/action/main-entry.ts',
    post: 'src/action/post-entry.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // docker-modem loads ssh2 eagerly, so it is bundled; its optional native add-ons are
  // loaded in try/catch and left out (the ssh transport is never used here anyway).
  external: ['cpu-features', '*.node'],
  banner: {
    // Bundled CommonJS dependencies use require() and __dirname; give the ESM output both.
    js: [
      "import { createRequire as __sewRequire } from 'node:module';",
      "import { fileURLToPath as __sewPath } from 'node:url';",
      "import { dirname as __sewDirname } from 'node:path';",
      'const require = __sewRequire(import.meta.url);',
      'const __filename = __sewPath(import.meta.url);',
      'const __dirname = __sewDirname(__filename);',
    ].join(' '),
  },
  legalComments: 'none',
  logLevel: 'warning',
});
