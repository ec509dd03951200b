// `npm run bench -- --cache-registry`: job 2 of the cache registry (a fresh runner reading
// every image from a registry the first job wrote) against what it replaces: an
// actions/cache-style restore of the preload storage (tar + zstd, then a warm `up`) and a
// cold copy from the upstream. Whole CLI processes, built from the sources into bench/work
// (dist/ is left alone); registries are distribution 2.8 on loopback, the cache registry
// behind htpasswd as a real one would be. Writes its section of bench/results.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { imageConfig, imageIndex, imageManifest, pushManifest, type BuiltManifest } from '../test/support/oci-images.js';
import { generatedLayer } from '../test/support/realistic-layer.js';
import { RegistryServer } from '../test/support/registry-server.js';
import { requireWorld } from '../test/world/docker.js';
import { loadAverage, repeat, run, runWindow, series, type Series } from './measure.js';


const TITLE = '## Cache registry (job 2: a fresh runner, images written by job 1)';
const user = { username: 'bench', password: 'bench-s3cret' };
const amd64 = { os: 'linux', architecture: 'amd64' };
const arm64 = { os: 'linux', architecture: 'arm64' };

interface Report {
  preload: { bytesCopied: number };
  cacheRegistry: { served: { bytes: number }; fromUpstreams: { bytes: number }; written?: { bytes: number } } | null;
}

export async function benchCacheRegistry(options: { runs: number; megabytes: number }): Promise<string[]> {
  await requireWorld();
  const window = runWindow();
  const say = (text: string) => process.stderr.write(`${text}\n`);
  const work = mkdtempSync(join(tmpdir(), 'sew-bench-cache-'));
  const cli = join(resolve('bench/work/cli'), 'cli.js');
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', resolve('bench/work/cli')], { stdio: 'inherit' });
  const layer = (seed: string, mb: number) => generatedLayer(seed, Math.max(1, Math.round(mb * options.megabytes)));
  say('generating images');
  const [base, dbBase, api, web, db, multiA, multiB] = await Promise.all([
    layer('cr-base', 250), layer('cr-db-base', 200), layer('cr-api', 120), layer('cr-web', 120), layer('cr-db', 80), layer('cr-multi-amd64', 80), layer('cr-multi-arm64', 80),
  ]);
  const single = (layers: (typeof base)[], label: string) => imageManifest(imageConfig(amd64, layers, label), layers);
  const images: Record<string, BuiltManifest> = { 'team/api': single([base, api], 'api'), 'team/web': single([base, web], 'web'), 'team/db': single([dbBase, db], 'db') };
  const multi = imageIndex([{ manifest: single([base, multiA], 'multi'), platform: amd64 }, { manifest: imageManifest(imageConfig(arm64, [multiB], 'multi'), [multiB]), platform: arm64 }]);

  const [upstream, cache] = await Promise.all([RegistryServer.start(), RegistryServer.start({ htpasswd: user })]);
  const homes: string[] = [];
  try {
    for (const [repo, m] of Object.entries(images)) await pushManifest(upstream, repo, '1', m);
    await pushManifest(upstream, 'team/multi', '1', multi);
    const refs = [...Object.keys(images), 'team/multi'].map((r) => `${upstream.host}/${r}:1`);
    const project = (cacheRegistry: boolean) => {
      const dir = mkdtempSync(join(work, 'project-'));
      writeFileSync(
        join(dir, 'sew.yaml'),
        [
          'images:',
          ...(cacheRegistry ? [`  cacheRegistry: ${cache.host}/sew-cache`] : []),
          '  registries:',
          `    "${upstream.host}": {url: "${upstream.url}"}`,
          `    "${cache.host}": {url: "${cache.url}", username: "\${CACHE_USER}", password: "\${CACHE_PASSWORD}"}`,
          '  preload:',
          '    platforms: [linux/amd64]',
          `    refs: [${refs.join(', ')}]`,
          '',
        ].join('\n'),
      );
      return join(dir, 'sew.yaml');
    };
    const withCache = project(true);
    const withoutCache = project(false);
    const freshHome = () => {
      const home = join(mkdtempSync(join(work, 'home-')), '.sew');
      homes.push(home);
      return home;
    };
    const up = async (config: string, home: string, mode: 'read' | 'readwrite' = 'read') => {
      const m = await run([process.execPath, cli, 'up', '--no-cluster', '--json', '--config', config, '--cache-registry-mode', mode], {
        env: { PATH: process.env.PATH, HOME: join(home, '..'), SEW_HOME: home, CACHE_USER: user.username, CACHE_PASSWORD: user.password },
      });
      return { ms: m.ms, report: JSON.parse(m.stdout) as Report };
    };

    say('job 1: cold from the upstream, written back');
    const job1Home = freshHome();
    const job1 = await up(withCache, job1Home, 'readwrite');
    const written = job1.report.cacheRegistry?.written?.bytes ?? 0;
    const archive = join(work, 'preload.tar.zst');
    await run(`tar -C '${job1Home}' -cf - preload | zstd -T0 -q -f -o '${archive}'`);
    await down(job1Home);

    let served = 0;
    let upstreamBytes = -1;
    say('job 2: fresh home, every image from the cache registry');
    let home = '';
    const job2 = await repeat(options.runs, async () => void (home = freshHome()), async () => {
      const { ms, report } = await up(withCache, home);
      served = report.cacheRegistry?.served.bytes ?? 0;
      upstreamBytes = report.cacheRegistry?.fromUpstreams.bytes ?? -1;
      await down(home);
      return ms;
    });

    say('actions/cache-style: restore the storage (zstd + tar), then a warm up');
    const restoreOnly: number[] = [];
    const restore = await repeat(options.runs, async () => void (home = freshHome()), async () => {
      const start = performance.now();
      await run(`mkdir -p '${home}' && zstd -dc '${archive}' | tar -C '${home}' -xf -`);
      restoreOnly.push(performance.now() - start);
      const { report } = await up(withoutCache, home);
      if (report.preload.bytesCopied !== 0) throw new Error('the restored storage was not complete');
      const ms = performance.now() - start;
      await down(home);
      return ms;
    });

    say('cold: fresh home, every image from the upstream');
    let cold = 0;
    const coldSeries = await repeat(options.runs, async () => void (home = freshHome()), async () => {
      const { ms, report } = await up(withoutCache, home);
      cold = report.preload.bytesCopied;
      await down(home);
      return ms;
    });

    const archiveBytes = statSync(archive).size;
    const s = (x: Series) => `${sec(x.median)} | ${sec(x.min)} | ${sec(x.max)}`;
    return [
      TITLE,
      '',
      `Measured ${window.end()}. ${Object.keys(images).length + 1} images (one a two-platform index), ${mb(written)} written back by job 1.`,
      `Every row is a fresh home on the same machine (no shared disk with job 1), \`sew-ci up --no-cluster\` as a whole process including the preload registry's start; median, min and max of ${options.runs} run(s), in seconds.`,
      '',
      '| method | median | min | max | bytes | note |',
      '|---|---:|---:|---:|---:|---|',
      `| job 1: cold from the upstream, then written back to the cache registry | ${sec(job1.ms)} | | | ${mb(written)} | uploaded while the rest comes up |`,
      `| job 2: every image from the cache registry | ${s(job2)} | ${mb(served)} | ${mb(upstreamBytes)} from the upstream |`,
      `| actions/cache-style: zstd + tar restore of the storage, then a warm up | ${s(restore)} | ${mb(archiveBytes)} | restore alone ${sec(series(restoreOnly).median)} s; bytes: the archive |`,
      `| cold: every image from the upstream | ${s(coldSeries)} | ${mb(cold)} |  |`,
      '',
      `| target | measured | met |`,
      '|---|---|---|',
      `| job 2 moves 0 bytes from the upstream | ${upstreamBytes} B | ${upstreamBytes === 0 ? 'yes' : '**no**'} |`,
      `| job 2 within 1.5x of an actions/cache restore (which only one repository and branch can use) | ${(job2.median / restore.median).toFixed(2)}x | ${job2.median <= 1.5 * restore.median ? 'yes' : '**no**'} |`,
      `| load average after | ${loadAverage()} | |`,
      '',
    ];
  } finally {
    for (const home of homes) await down(home).catch(() => undefined);
    await Promise.all([upstream.dispose(), cache.dispose()]);
    rmSync(work, { recursive: true, force: true });
  }

  async function down(home: string) {
    await run([process.execPath, cli, 'down', '--purge'], { env: { PATH: process.env.PATH, HOME: join(home, '..'), SEW_HOME: home } });
  }
}

const sec = (ms: number) => (ms / 1000).toFixed(ms < 1000 ? 3 : 1);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
