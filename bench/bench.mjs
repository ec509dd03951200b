// Bundles bench/run.ts with the repo's esbuild and runs it (the bench is not part of dist/).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

await build({ entryPoints: ['bench/run.ts'], outfile: 'bench/work/run.mjs', bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
const result = spawnSync(process.execPath, ['bench/work/run.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
