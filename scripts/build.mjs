// One bundle per entry point so `node dist/cli.js` and the action's main/post run
// from a fresh clone with no node_modules at run time.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: {
    cli: 'src/cli/bin.ts',
    main: 'src/action/main-entry.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // dockerode's optional native ssh transport is never used (we talk to the local socket).
  external: ['cpu-features', 'ssh2'],
  banner: {
    // Bundled CommonJS dependencies call require(); give ESM output one.
    js: "import { createRequire as __sewRequire } from 'node:module'; const require = __sewRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
