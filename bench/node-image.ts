// The Kind node image: cold (docker pull from the upstream, what kind does on a fresh runner)
// against warm (sew-ci's own storage into the daemon), both ways of the warm path measured
// (a `docker load` archive streamed from the storage, which sew-ci keeps, and a pull from a
// registry serving that storage on 127.0.0.1), and a whole warm `up` with the image to load
// against the same run with the image already in Docker. `npm run bench -- --node-image` runs
// this section alone.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectEngine } from '../src/core/docker/dockerode-engine.js';
import { parseReference, preloadRepository } from '../src/core/images/reference.js';
import type { Plan } from '../src/core/plan.js';
import { nodeImageLoader } from '../src/core/preload/node-image.js';
import { image, pushManifest, textLayer } from '../test/support/oci-images.js';
import { fileContent } from '../test/support/realistic-layer.js';
import { resolvePlan } from '../test/support/resolve-plan.js';
import { docker, NODE_IMAGE, removeContainers, removeRegistries } from '../test/world/docker.js';
import { kindStandIn } from '../test/world/kind.js';
import { startUpstream } from '../test/world/upstream.js';
import { repeat, run, type Series } from './measure.js';

const TITLE = '## Kind node image';
const PORT = 5930;
const SERVE_PORT = 5931;
const SERVE = 'sewbench-node-image-store';
const CLUSTER = 'sewbench-node';

export async function measureNodeImage(cli: string, runs: number, quick: boolean, say: (text: string) => void): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'sew-bench-node-'));
  const upstream = await startUpstream({ alias: 'upstream.test', port: PORT });
  const made: string[] = [];
  try {
    // A node-sized image that runs as a node: the containerd test node plus three layers of
    // many files, about 1.4 GB unpacked and 400 MB compressed in the full set (kindest/node: 0.4-0.5 GB compressed).
    const perLayerMb = quick ? 12 : 460;
    say(`node image: building ${3 * perLayerMb} MB of content in 3 layers`);
    const context = join(work, 'context');
    for (const part of ['a', 'b', 'c']) {
      mkdirSync(join(context, part), { recursive: true });
      for (let i = 0; i * 4 < perLayerMb; i++) writeFileSync(join(context, part, `file-${i}.txt`), fileContent(4 * 1024 * 1024));
    }
    writeFileSync(join(context, 'Dockerfile'), `FROM ${NODE_IMAGE}\nCOPY a /opt/a\nCOPY b /opt/b\nCOPY c /opt/c\n`);
    const pushed = `127.0.0.1:${PORT}/kindest/node:v1.31.0`;
    await run(['docker', 'build', '-q', '-t', pushed, context], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    await docker('push', pushed);
    const digest = (await docker('image', 'inspect', '--format', '{{range .RepoDigests}}{{println .}}{{end}}', pushed)).split('\n').find((d) => d.startsWith(`127.0.0.1:${PORT}/`))!.split('@')[1]!;
    const manifest = (await (await fetch(`${upstream.url}/v2/kindest/node/manifests/${digest}`, { headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } })).json()) as { layers: { size: number }[] };
    const compressed = manifest.layers.reduce((sum, l) => sum + l.size, 0);
    const pinned = `127.0.0.1:${PORT}/kindest/node@${digest}`;
    const forget = async (...refs: string[]) => {
      await run(`docker rmi -f ${[pushed, pinned, ...refs].join(' ')} >/dev/null 2>&1 || true; docker image prune -f >/dev/null`);
    };
    await forget();

    say('node image cold: docker pull from the upstream');
    const cold = await repeat(runs, () => forget(), async () => (await run(['docker', 'pull', '-q', pinned])).ms);

    const project = mkdtempSync(join(work, 'project-'));
    const app = image([textLayer('bench-node-app', 20)], undefined, 'app');
    await pushManifest(upstream, 'team/app', '1', app);
    writeFileSync(join(project, 'sew.yaml'), `kind:\n  name: ${CLUSTER}\nimages:\n  registries:\n    upstream.test:${PORT}: {url: "http://upstream.test:${PORT}"}\n  preload:\n    refs: [upstream.test:${PORT}/team/app:1]\n`);
    const home = mkdtempSync(join(work, 'home-'));
    const env = { ...process.env, HOME: home, SEW_HOME: home, KUBECONFIG: join(home, 'kubeconfig') };
    const plan: Plan = await resolvePlan({ cwd: project, env, sewHome: home, nodeImage: `upstream.test:${PORT}/kindest/node:v1.31.0@${digest}` });
    const stored = plan.nodeImage!.stored!;
    made.push(stored.localTag);
    const loader = nodeImageLoader(env, async () => undefined, () => connectEngine(env));
    say('node image into the storage (once)');
    await loader.ensure(plan, () => undefined);

    say('node image warm: docker load of an archive streamed from the storage (kept)');
    const warmLoad = await repeat(runs, () => forget(stored.localTag), async () => {
      const start = performance.now();
      const report = await loader.ensure(plan, () => undefined);
      if (report.daemon !== 'loaded' || report.bytesFetched !== 0) throw new Error(`node image warm run: ${JSON.stringify(report)}`);
      return performance.now() - start;
    });

    say('node image warm, the other way: pull from a registry serving the storage on 127.0.0.1');
    const served = `127.0.0.1:${SERVE_PORT}/${preloadRepository(parseReference(plan.nodeImage!.ref))}@${stored.digest}`;
    const warmPull = await repeat(runs, async () => {
      await removeContainers(SERVE);
      await forget(stored.localTag, served);
    }, async () => {
      const start = performance.now();
      await docker('run', '-d', '--name', SERVE, '-p', `127.0.0.1:${SERVE_PORT}:5000`, '-v', `${stored.data}:/var/lib/registry:ro`, 'registry:2');
      await run(`for i in $(seq 100); do curl -sf http://127.0.0.1:${SERVE_PORT}/v2/ >/dev/null && exit 0; sleep 0.05; done; exit 1`);
      await docker('pull', '-q', served);
      await docker('tag', served, stored.localTag);
      const ms = performance.now() - start;
      await removeContainers(SERVE);
      return ms;
    });

    say('whole warm up: node image to load, and already in Docker');
    const path = `${kindStandIn(plan.nodeImage!.ref, mkdtempSync(join(work, 'kind-')))}:${process.env.PATH}`;
    const up = () => run(['node', cli, 'up', '--json', '--node-image', plan.nodeImage!.ref], { env: { ...env, PATH: path } });
    const down = () => run(['node', cli, 'down'], { env: { ...env, PATH: path } });
    await up();
    const upLoading = await repeat(runs, async () => {
      await down();
      await forget(stored.localTag);
    }, async () => (await up()).ms);
    const upPresent = await repeat(runs, async () => void (await down()), async () => (await up()).ms);
    await down();

    const s = (x: Series) => `${sec(x.median)} | ${sec(x.min)} | ${sec(x.max)}`;
    const kept = warmLoad.median <= warmPull.median ? 'docker load' : 'registry pull';
    return [
      TITLE,
      '',
      `A node image of ${mb(compressed)} compressed in 4 layers (the containerd test node plus 3 layers of many files), median, min and max of ${runs} run(s) each, in seconds; the image removed from Docker (and pruned) before each timed run.`,
      '',
      '| method | median | min | max | fetched |',
      '|---|---:|---:|---:|---:|',
      `| node image cold: docker pull from the upstream (what kind does on a fresh runner) | ${s(cold)} | ${mb(compressed)} |`,
      `| node image warm: sew-ci's storage into Docker as a docker load archive (kept) | ${s(warmLoad)} | 0 |`,
      `| node image warm, other way: registry on 127.0.0.1 serving the storage, docker pull + tag | ${s(warmPull)} | 0 |`,
      `| whole warm \`up\` (kind stand-in), node image loaded from the storage | ${s(upLoading)} | 0 |`,
      `| whole warm \`up\` (kind stand-in), node image already in Docker (left alone) | ${s(upPresent)} | 0 |`,
      '',
      `The faster warm way here: ${kept}. sew-ci keeps the docker load archive${kept === 'docker load' ? '' : ' all the same'}: it goes through the engine's API, so a remote DOCKER_HOST or GitLab's dind service gets the image with no registry it would have to reach, and it starts no container.`,
      '',
    ];
  } finally {
    await removeContainers(SERVE, `${CLUSTER}-control-plane`);
    await Promise.all([upstream.remove(), removeRegistries(), ...made.map((ref) => docker('rmi', '-f', ref).catch(() => undefined))]);
    rmSync(work, { recursive: true, force: true });
  }
}

const sec = (ms: number) => (ms / 1000).toFixed(ms < 1000 ? 3 : 1);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
