// A `kind` stand-in on the PATH (no kind binary and no privileged containers here): as far as
// images and nodes go, it does what `kind create cluster` does. Like a release binary it
// carries its default node image as a plain string; it checks for the image with
// `docker inspect --type=image` and pulls only when that fails (which fails here for
// docker.io: proof that nothing was fetched); then it starts one containerd node container per
// config node from that image, on the `kind` network, with the config's extraMounts.
import { chmodSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tempDir } from '../support/tree.js';

const CLUSTER_LABEL = 'io.x-k8s.kind.cluster';

/** Writes the stand-in into `dir` (a new one by default), to put first on the PATH; returns that directory. */
export function kindStandIn(defaultImage: string, dir = tempDir('kind-stand-in-')): string {
  const yaml = createRequire(import.meta.url).resolve('yaml');
  writeFileSync(join(dir, 'kind'), script(defaultImage, yaml), 'utf8');
  chmodSync(join(dir, 'kind'), 0o755);
  return dir;
}

function script(defaultImage: string, yamlModule: string): string {
  return `#!/usr/bin/env node
// kind stand-in (sew-ci test world). Default node image, as kind release binaries carry it:
const DEFAULT_IMAGE = ${JSON.stringify(defaultImage)};
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { parse } = require(${JSON.stringify(yamlModule)});
const LABEL = ${JSON.stringify(CLUSTER_LABEL)};

const docker = (...args) => spawnSync('docker', args, { encoding: 'utf8' });
const fail = (message) => { process.stderr.write('ERROR: ' + message + '\\n'); process.exit(1); };
const flag = (name, fallback) => { const i = argv.indexOf('--' + name); return i >= 0 ? argv[i + 1] : fallback; };
const argv = process.argv.slice(2);
const nodes = (name) => docker('ps', '-a', '--filter', 'label=' + LABEL + '=' + name, '--format', '{{.Names}}').stdout.split('\\n').filter(Boolean).sort();

const [verb, noun] = argv;
if (verb === 'get' && noun === 'clusters') {
  const labels = docker('ps', '-a', '--filter', 'label=' + LABEL, '--format', '{{.Label "' + LABEL + '"}}').stdout.split('\\n').filter(Boolean);
  process.stdout.write([...new Set(labels)].sort().map((c) => c + '\\n').join(''));
} else if (verb === 'get' && noun === 'nodes') {
  process.stdout.write(nodes(flag('name', 'kind')).map((n) => n + '\\n').join(''));
} else if (verb === 'delete' && noun === 'cluster') {
  const names = nodes(flag('name', 'kind'));
  if (names.length) docker('rm', '-f', '-v', ...names);
} else if (verb === 'create' && noun === 'cluster') {
  const config = parse(readFileSync(flag('config'), 'utf8'));
  const name = flag('name', config.name ?? 'kind');
  const image = flag('image', (config.nodes ?? [])[0]?.image ?? DEFAULT_IMAGE);
  process.stderr.write('Creating cluster "' + name + '" ...\\n');
  if (docker('inspect', '--type=image', image).status !== 0) {
    process.stderr.write(' • Ensuring node image (' + image + ') ...\\n');
    const pulled = docker('pull', image);
    if (pulled.status !== 0) fail('failed to create cluster: failed to pull image "' + image + '": ' + pulled.stderr.trim());
  }
  (config.nodes ?? [{ role: 'control-plane' }]).forEach((node, i) => {
    const role = node.role ?? 'control-plane';
    const container = name + '-' + (i === 0 ? 'control-plane' : 'worker' + (i > 1 ? i : ''));
    const mounts = (node.extraMounts ?? []).flatMap((m) => ['--mount', 'type=bind,source=' + m.hostPath + ',target=' + m.containerPath + (m.readOnly ? ',readonly' : '')]);
    const run = docker('run', '-d', '--name', container, '--hostname', container, '--network', 'kind', '--label', LABEL + '=' + name, '--label', 'io.x-k8s.kind.role=' + role,
      '--cap-add', 'SYS_ADMIN', '--security-opt', 'seccomp=unconfined', '--security-opt', 'apparmor=unconfined', ...mounts, image);
    if (run.status !== 0) fail('failed to create cluster: node ' + container + ': ' + run.stderr.trim());
  });
  process.stderr.write('Created cluster "' + name + '" from ' + image + '\\n');
} else if (verb === 'version') {
  // What sew-ci asks before anything starts, to know kind is there.
  process.stdout.write('kind v0.24.0 go1.22.6 linux/' + (process.arch === 'arm64' ? 'arm64' : 'amd64') + '\\n');
} else {
  fail('kind stand-in: unsupported command: ' + argv.join(' '));
}
`;
}
