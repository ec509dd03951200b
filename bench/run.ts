// `npm run bench [-- --quick]`: sew-ci against what users do today, on the same images in
// one run, written to bench/results.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { image, imageConfig, imageIndex, imageManifest, pushManifest, textLayer, type BuiltManifest } from '../test/support/oci-images.js';
import { docker, removeContainers, removeRegistries, requireWorld } from '../test/world/docker.js';
import { startNode } from '../test/world/node.js';
import { startUpstream } from '../test/world/upstream.js';
import { generatedLayer } from '../test/support/realistic-layer.js';
import { loadAverage, repeat, run, runWindow, writeSection, type Series } from './measure.js';
import { benchCacheRegistry } from './cache-registry.js';
import { measureStartUp } from './start-up.js';
import { measureNodeImage } from './node-image.js';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 1 : 3;
// The warm rows with a target under a second or two are short enough to take a median of
// several runs even in a quick run: one run of them moves with whatever else the machine does.
const WARM_RUNS = 7;
const MB = quick ? 0.08 : 1;
// SEW_BENCH_CLI: a build elsewhere (`node scripts/build.mjs --outdir DIR`), to measure a branch without touching dist/.
const CLI = resolve(process.env.SEW_BENCH_CLI ?? 'dist/cli.js');
const RESULTS = resolve('bench/results.md');
const START_UP_RUNS = quick ? 5 : 21;
const TARGET = 'sewbench-target';
const TARGET_PORT = 5910;
const NODE = 'sewbench-node';
const amd64 = { os: 'linux', architecture: 'amd64' };
const arm64 = { os: 'linux', architecture: 'arm64' };
const SMALL_IMAGES = 200;

interface Row {
  method: string;
  series?: Series;
  bytes?: number;
  note?: string;
}
const rows: Row[] = [];
const say = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<void> {
  await requireWorld();
  const window = runWindow();
  say('start-up: node -e 0, sew-ci --version, sew-ci plan');
  const startUp = await measureStartUp(CLI, START_UP_RUNS);
  say(`generating images (${quick ? 'quick' : 'full'} set)`);
  const layer = (seed: string, mb: number) => generatedLayer(seed, Math.max(1, Math.round(mb * MB)));
  const [base, dbBase, api, web, worker, db, multiA, multiB, tools] = await Promise.all([
    layer('base', 250), layer('db-base', 200), layer('api', 120), layer('web', 120), layer('worker', 120),
    layer('db', 80), layer('multi-amd64', 80), layer('multi-arm64', 80), layer('tools', 100),
  ]);
  const single = (layers: (typeof base)[], label: string) => imageManifest(imageConfig(amd64, layers, label), layers);
  const images: Record<string, BuiltManifest> = {
    'team/api': single([base, api], 'api'),
    'team/web': single([base, web], 'web'),
    'team/worker': single([base, worker], 'worker'),
    'team/db': single([dbBase, db], 'db'),
    'team/tools': single([tools], 'tools'),
  };
  const multiAmd = single([base, multiA], 'multi');
  const multi = imageIndex([{ manifest: multiAmd, platform: amd64 }, { manifest: imageManifest(imageConfig(arm64, [multiB], 'multi'), [multiB]), platform: arm64 }]);
  const unique = [base, dbBase, api, web, worker, db, multiA, multiB, tools];
  const uncompressed = unique.reduce((s, l) => s + l.uncompressed, 0);
  const compressed = unique.reduce((s, l) => s + l.size, 0);
  say(`${unique.length} layers: ${mb(uncompressed)} uncompressed, ${mb(compressed)} compressed (${(uncompressed / compressed).toFixed(1)}x)`);

  const upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  const work = mkdtempSync(join(tmpdir(), 'sew-bench-'));
  try {
    for (const [repo, m] of Object.entries(images)) await pushManifest(upstream, repo, '1', m);
    await pushManifest(upstream, 'team/multi', '1', multi);
    const repos = [...Object.keys(images), 'team/multi'];
    // Ten refs for the warm check: the six images, four of them under a second tag.
    for (const repo of repos.slice(0, 4)) await pushManifest(upstream, repo, '2', images[repo] ?? multi);
    const refs = repos.map((r) => `upstream.test:5900/${r}:1`);
    say(`pushing ${SMALL_IMAGES} small images`);
    const smallBase = textLayer('small-base', 20);
    const small = Array.from({ length: SMALL_IMAGES }, (_, i) => image([smallBase, textLayer(`small-${i}`, 4)], amd64, `small-${i}`));
    await pushManifest(upstream, 'small/app0', '1', small[0]!);
    for (let i = 1; i < SMALL_IMAGES; i += 16) {
      await Promise.all(small.slice(i, i + 16).map((m, j) => pushManifest(upstream, `small/app${i + j}`, '1', m)));
    }
    const smallBytes = new Set(small.flatMap((m) => m.blobs.map((b) => `${b.digest} ${b.size}`)));
    const smallTotal = [...smallBytes].reduce((sum, entry) => sum + Number(entry.split(' ')[1]), 0);
    const refs200 = small.map((_, i) => `upstream.test:5900/small/app${i}:1`);
    const refs10 = [...refs, ...repos.slice(0, 4).map((r) => `upstream.test:5900/${r}:2`)];
    const local = (ref: string) => ref.replace('upstream.test:5900', '127.0.0.1:5900');
    const pulledBytes = [...unique.filter((l) => l !== multiB)].reduce((s, l) => s + l.size, 0);

    const project = (list: string[]) => {
      const dir = mkdtempSync(join(work, 'project-'));
      writeFileSync(join(dir, 'sew.yaml'), `images:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [${list.join(', ')}]\n`);
      return dir;
    };
    const sewIn = (dir: string) => async (home: string) => {
      const m = await run(['node', CLI, 'up', '--no-cluster', '--json', '--config', join(dir, 'sew.yaml')], { env: { ...process.env, SEW_HOME: home }, sampleRss: true });
      return { ...m, report: JSON.parse(m.stdout) as { preload: { bytesCopied: number } } };
    };
    const six = sewIn(project(refs));
    let peak = 0;
    /** Runs from an empty $SEW_HOME with no preload container; the last run's home stays for warm runs. */
    const coldRuns = async (sew: ReturnType<typeof sewIn>) => {
      let home = '';
      let bytes = 0;
      const series = await repeat(RUNS, async () => {
        await removeRegistries();
        home = mkdtempSync(join(work, 'home-'));
      }, async () => {
        const r = await sew(home);
        peak = Math.max(peak, r.peakRss);
        bytes = r.report.preload.bytesCopied;
        return r.ms;
      });
      return { series, home, bytes };
    };

    say('1. sew-ci cold');
    const { series: cold, home, bytes: coldBytes } = await coldRuns(six);
    rows.push({ method: '1. sew-ci preload, cold (empty $SEW_HOME, includes starting the registry)', series: cold, bytes: coldBytes, note: `peak RSS ${mb(peak)}` });

    say('5. sew-ci warm');
    let warmBytes = -1;
    const warm = await repeat(RUNS, async () => undefined, async () => {
      const r = await six(home);
      warmBytes = r.report.preload.bytesCopied;
      return r.ms;
    });
    rows.push({ method: '5. sew-ci warm, 6 images, nothing to copy', series: warm, bytes: warmBytes });
    const ten = sewIn(project(refs10));
    await ten(home);
    const load10 = loadAverage();
    const warm10 = await repeat(WARM_RUNS, async () => undefined, async () => (await ten(home)).ms);
    rows.push({ method: '5b. sew-ci warm, 10 refs, nothing to copy (whole CLI process)', series: warm10, bytes: 0, note: warmNote(warm10, load10) });

    say(`9. ${SMALL_IMAGES} small images from one upstream`);
    const many = sewIn(project(refs200));
    const { series: cold200, home: manyHome, bytes: manyBytes } = await coldRuns(many);
    rows.push({ method: `9a. sew-ci cold, ${SMALL_IMAGES} small images from one upstream (whole CLI process)`, series: cold200, bytes: manyBytes, note: `${mb(smallTotal)} in ${smallBytes.size} blobs` });
    const load200 = loadAverage();
    const warm200 = await repeat(WARM_RUNS, async () => undefined, async () => {
      const r = await many(manyHome);
      peak = Math.max(peak, r.peakRss);
      return r.ms;
    });
    rows.push({ method: `9b. sew-ci warm, ${SMALL_IMAGES} small images, registry running (whole CLI process)`, series: warm200, bytes: 0, note: warmNote(warm200, load200) });
    await removeRegistries();
    // The six-image home's registry again, for the node pulls below.
    await six(home);

    say('8a. a node pulling everything from the preload registry');
    const node = await startNode({ name: NODE, hostsDir: join(home, 'mirrors', 'hosts') });
    const nodePull = await repeat(RUNS, () => node.clearImages(), async () => {
      const start = performance.now();
      for (const ref of refs) await node.pull(ref, { platform: 'linux/amd64' });
      return performance.now() - start;
    });

    say('7a. cache round trip of $SEW_HOME/preload (tar + zstd, as actions/cache)');
    const archive = join(work, 'preload.tar.zst');
    const restoreDir = join(work, 'restored');
    const cacheRoundTrip = await repeat(RUNS, async () => rmSync(restoreDir, { recursive: true, force: true }), async () => {
      const start = performance.now();
      await run(`tar -C '${home}' -cf - preload | zstd -T0 -q -f -o '${archive}'`);
      await run(`mkdir -p '${restoreDir}' && zstd -dc '${archive}' | tar -C '${restoreDir}' -xf -`);
      return performance.now() - start;
    });
    const archiveBytes = Number((await run(`stat -c %s '${archive}'`)).stdout.trim());

    say('6. one layer changed upstream under the same tag');
    const changedLayer = await layer('api-v2', 30);
    const changed = single([base, changedLayer], 'api-v2');
    await pushManifest(upstream, 'team/api', '1', changed);
    const moved = (await six(home)).report.preload.bytesCopied;
    const expected = changedLayer.size + changed.blobs[0]!.size;
    rows.push({ method: '6. sew-ci after one layer of one image changed (same tag)', bytes: moved, note: `changed layer ${changedLayer.size} B + its new config ${changed.blobs[0]!.size} B = ${expected} B` });
    await pushManifest(upstream, 'team/api', '1', images['team/api']!);

    say('4. skopeo copy (registry to registry)');
    const freshTarget = async () => {
      await removeContainers(TARGET);
      await docker('run', '-d', '--name', TARGET, '-p', `127.0.0.1:${TARGET_PORT}:5000`, '--mount', `type=bind,source=${mkdtempSync(join(work, 'target-'))},target=/var/lib/registry`, 'registry:2');
      await run(`for i in $(seq 50); do curl -sf http://127.0.0.1:${TARGET_PORT}/v2/ >/dev/null && exit 0; sleep 0.1; done; exit 1`);
    };
    say('1c. registry container start alone');
    const registryStart = await repeat(RUNS, async () => undefined, async () => {
      const start = performance.now();
      await freshTarget();
      return performance.now() - start;
    });
    rows.push({ method: '1c. registry:2 container start and readiness alone (docker run + /v2/ answers)', series: registryStart });
    const skopeo = await repeat(RUNS, freshTarget, async () => {
      const start = performance.now();
      await run(refs.map((r) => `skopeo copy -q --src-tls-verify=false --dest-tls-verify=false docker://${local(r)} docker://${local(r).replace(':5900', `:${TARGET_PORT}`)} &`).join('\n') + '\nwait');
      return performance.now() - start;
    });
    rows.push({ method: '4. skopeo copy, registry to registry (all images in parallel)', series: skopeo, bytes: pulledBytes });

    say('2. docker pull + tag + push, 4 at a time');
    const localRefs = refs.map(local);
    const pushed = localRefs.map((r) => r.replace(':5900', `:${TARGET_PORT}`));
    const pullPush = await repeat(RUNS, async () => {
      await freshTarget();
      await run(`docker rmi -f ${[...localRefs, ...pushed].join(' ')} >/dev/null 2>&1 || true; docker image prune -f >/dev/null`);
    }, async () => {
      const start = performance.now();
      await run(`printf '%s\\n' ${localRefs.join(' ')} | xargs -P 4 -I{} sh -c 'docker pull -q {} >/dev/null && docker tag {} $(echo {} | sed s/:5900/:${TARGET_PORT}/) && docker push -q $(echo {} | sed s/:5900/:${TARGET_PORT}/) >/dev/null'`);
      return performance.now() - start;
    });
    rows.push({ method: '2. docker pull + tag + push into a registry, 4 at a time (sew)', series: pullPush, bytes: pulledBytes * 2, note: 'pulled, unpacked, then recompressed and pushed' });

    say('3. docker save | ctr import (kind load docker-image)');
    const savedBytes = unique.filter((l) => l !== multiB).reduce((s, l) => s + l.uncompressed, 0);
    const saveImport = await repeat(RUNS, () => node.clearImages(), async () => {
      const start = performance.now();
      await run(`docker save ${localRefs.join(' ')} | docker exec -i ${NODE} /bin/ctr -n k8s.io images import --snapshotter native -`);
      return performance.now() - start;
    });
    rows.push({ method: '3. docker save | ctr import into a node (kind load docker-image)', series: saveImport, bytes: savedBytes });

    say('8b. a node importing the docker save tarball');
    const tarball = join(work, 'images.tar');
    await run(`docker save -o '${tarball}' ${localRefs.join(' ')}`);
    const nodeImport = await repeat(RUNS, () => node.clearImages(), async () => {
      const start = performance.now();
      await run(`docker exec -i ${NODE} /bin/ctr -n k8s.io images import --snapshotter native - < '${tarball}'`);
      return performance.now() - start;
    });
    rows.push({ method: '8a. node pulls every image from the preload registry', series: nodePull, bytes: pulledBytes });
    rows.push({ method: '8b. node imports the same images from a docker save tarball', series: nodeImport, bytes: savedBytes });

    say('7b. docker save | zstd, then docker load (docker-cache actions)');
    const dockerArchive = join(work, 'images.tar.zst');
    const dockerRoundTrip = await repeat(RUNS, async () => undefined, async () => {
      const start = performance.now();
      await run(`docker save ${localRefs.join(' ')} | zstd -T0 -q -f -o '${dockerArchive}'`);
      await run(`docker rmi -f ${localRefs.join(' ')} >/dev/null && zstd -dc '${dockerArchive}' | docker load -q >/dev/null`);
      return performance.now() - start;
    });
    const dockerArchiveBytes = Number((await run(`stat -c %s '${dockerArchive}'`)).stdout.trim());
    rows.push({ method: '7a. cache round trip: tar+zstd $SEW_HOME/preload, then restore', series: cacheRoundTrip, bytes: archiveBytes, note: 'archive size' });
    rows.push({ method: '7b. cache round trip: docker save+zstd, then docker load', series: dockerRoundTrip, bytes: dockerArchiveBytes, note: 'archive size' });

    await node.remove();
    writeResults({ window: window.end(), uncompressed, compressed, layers: unique.length, images: repos.length, moved, expected, cold, pullPush, skopeo, registryStart, warm, warm10, cold200, warm200, nodePull, nodeImport, cacheRoundTrip, dockerRoundTrip, saveImport, peak });
    writeSection(RESULTS, startUp);
    writeSection(RESULTS, await measureNodeImage(CLI, RUNS, quick, say));
  } finally {
    await upstream.remove();
    await Promise.all([removeContainers(TARGET, NODE), removeRegistries()]);
    rmSync(work, { recursive: true, force: true });
  }
}

function writeResults(f: {
  window: string; uncompressed: number; compressed: number; layers: number; images: number; moved: number; expected: number; peak: number;
  cold: Series; pullPush: Series; skopeo: Series; registryStart: Series; warm: Series; warm10: Series; cold200: Series; warm200: Series; nodePull: Series; nodeImport: Series; cacheRoundTrip: Series; dockerRoundTrip: Series; saveImport: Series;
}): void {
  const floor = Math.max(f.registryStart.median, f.skopeo.median);
  const s = (x?: Series) => (x ? `${sec(x.median)} | ${sec(x.min)} | ${sec(x.max)}` : '| |');
  const lines = [
    '# sew-ci benchmark',
    '',
    `Generated by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)} (2 cores, loopback registries, Docker ${'20.10'}, containerd 1.6).`,
    `Image set: ${f.images} images (one a linux/amd64 + linux/arm64 index), ${f.layers} layers with shared bases, ${mb(f.uncompressed)} uncompressed, ${mb(f.compressed)} compressed (${(f.uncompressed / f.compressed).toFixed(1)}x, text and random mixed in many files).`,
    `Measured ${f.window}.`,
    `Each timed row: median, min and max of ${RUNS} run(s) (${WARM_RUNS} for rows 5b and 9b), in seconds.`,
    '',
    '| method | median | min | max | bytes moved | note |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.method} | ${s(r.series)} | ${r.bytes === undefined ? '' : mb(r.bytes)} | ${r.note ?? ''} |`),
    '',
    '## Targets',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    target('cold at least 10x faster than docker pull+tag+push', `${(f.pullPush.median / f.cold.median).toFixed(1)}x`, f.pullPush.median / f.cold.median >= 10),
    target('cold within 1.3x of max(registry start alone, skopeo)', `${(f.cold.median / floor).toFixed(2)}x of ${sec(floor)} s`, f.cold.median <= 1.3 * floor),
    target('warm under 0.5 s (6 images)', `${sec(f.warm.median)} s`, f.warm.median < 500),
    target('warm under 0.5 s (10 refs, registry running)', `${sec(f.warm10.median)} s`, f.warm10.median < 500),
    target(`${SMALL_IMAGES} small images cold under 10 s`, `${sec(f.cold200.median)} s`, f.cold200.median < 10_000),
    target(`${SMALL_IMAGES} small images warm under 2 s`, `${sec(f.warm200.median)} s`, f.warm200.median < 2_000),
    target('one changed layer moves exactly that layer (and its new config)', `${f.moved} B moved, ${f.expected} B changed`, f.moved === f.expected),
    target('cache round trip faster than docker save/load', `${sec(f.cacheRoundTrip.median)} s vs ${sec(f.dockerRoundTrip.median)} s`, f.cacheRoundTrip.median < f.dockerRoundTrip.median),
    target('node pull from preload faster than importing docker save', `${sec(f.nodePull.median)} s vs ${sec(f.nodeImport.median)} s`, f.nodePull.median < f.nodeImport.median),
    target('peak RSS of sew-ci (every cold and warm run above)', mb(f.peak), f.peak < 200 * 1024 * 1024),
    '',
  ];
  writeFileSync(resolve('bench/results.md'), lines.join('\n'));
  say(lines.join('\n'));
}

const warmNote = (s: Series, loadBefore: string) => `${s.runs} runs; load average ${loadBefore} before, ${loadAverage()} after`;
const target = (what: string, measured: string, met: boolean) => `| ${what} | ${measured} | ${met ? 'yes' : '**no**'} |`;
const sec = (ms: number) => (ms / 1000).toFixed(ms < 1000 ? 3 : 1);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `--start-up`: only the start-up rows, which need no Docker. */
async function startUpOnly(): Promise<void> {
  const lines = await measureStartUp(CLI, START_UP_RUNS);
  writeSection(RESULTS, lines);
  say(lines.join('\n'));
}

/** `--cache-registry`: only the cache registry's rows (job 2 against a cache restore and the upstream). */
async function cacheRegistryOnly(): Promise<void> {
  const lines = await benchCacheRegistry({ runs: RUNS, megabytes: MB });
  writeSection(RESULTS, lines);
  say(lines.join('\n'));
}

/** `--node-image`: only the node image rows. */
async function nodeImageOnly(): Promise<void> {
  await requireWorld();
  const lines = await measureNodeImage(CLI, RUNS, quick, say);
  writeSection(RESULTS, lines);
  say(lines.join('\n'));
}

const only = process.argv.includes('--start-up') ? startUpOnly : process.argv.includes('--cache-registry') ? cacheRegistryOnly : process.argv.includes('--node-image') ? nodeImageOnly : main;
await only();
