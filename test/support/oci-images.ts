// Deterministic test images: gzip tar layers of text-like many-file content (what real
// images look like to a copier), configs with matching diff_ids, manifests and OCI indexes,
// pushed over the registry HTTP API with nothing but fetch.

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';

export interface Blob {
  readonly digest: string;
  readonly size: number;
  readonly bytes: Buffer;
}

export interface Layer extends Blob {
  readonly diffId: string;
}

export interface BuiltManifest extends Blob {
  readonly mediaType: string;
  readonly blobs: readonly Blob[];
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function blob(bytes: Buffer): Blob {
  return { digest: sha256(bytes), size: bytes.length, bytes };
}

/** A gzip tar of `files` text files whose content is a pure function of `seed`. */
export function textLayer(seed: string, files = 40, linesPerFile = 60): Layer {
  const random = prng(seed);
  const words = ['alpha', 'beta', 'config', 'daemon', 'epsilon', 'lib', 'usr', 'share', 'locale', 'python', 'module', 'import', 'return', 'value'];
  const entries: { name: string; content: Buffer }[] = [];
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    for (let l = 0; l < linesPerFile; l++) {
      const n = 4 + Math.floor(random() * 8);
      lines.push(Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' '));
    }
    entries.push({ name: `usr/share/${seed.replace(/[^a-z0-9]/gi, '_')}/file-${f}.txt`, content: Buffer.from(`${lines.join('\n')}\n`) });
  }
  const tarBytes = tar(entries);
  const gz = gzipSync(tarBytes, { level: 6 });
  return { ...blob(gz), diffId: sha256(tarBytes) };
}

export function imageConfig(platform: { os: string; architecture: string; variant?: string }, layers: readonly Layer[], label = ''): Blob {
  const config = {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant !== undefined && { variant: platform.variant }),
    config: { Labels: { 'sew.test': label } },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
  };
  return blob(Buffer.from(JSON.stringify(config)));
}

export function imageManifest(config: Blob, layers: readonly Blob[]): BuiltManifest {
  const doc = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, digest: config.digest, size: config.size },
    layers: layers.map((l) => ({ mediaType: OCI_LAYER_GZIP, digest: l.digest, size: l.size })),
  };
  return { ...blob(Buffer.from(JSON.stringify(doc))), mediaType: OCI_MANIFEST, blobs: [config, ...layers] };
}

export function imageIndex(children: readonly { manifest: BuiltManifest; platform: { os: string; architecture: string; variant?: string } }[]): BuiltManifest & { children: readonly BuiltManifest[] } {
  const doc = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: children.map((c) => ({ mediaType: c.manifest.mediaType, digest: c.manifest.digest, size: c.manifest.size, platform: c.platform })),
  };
  return { ...blob(Buffer.from(JSON.stringify(doc))), mediaType: OCI_INDEX, blobs: [], children: children.map((c) => c.manifest) };
}

/** A one-platform image from layers. */
export function image(layers: readonly Layer[], platform = { os: 'linux', architecture: 'amd64' }, label = ''): BuiltManifest {
  return imageManifest(imageConfig(platform, layers, label), layers);
}

export interface PushTarget {
  readonly url: string;
  /** Extra headers (Authorization) for every request. */
  readonly headers?: Record<string, string>;
}

export async function pushBlob(target: PushTarget, repository: string, b: Blob): Promise<void> {
  const head = await fetch(`${target.url}/v2/${repository}/blobs/${b.digest}`, { method: 'HEAD', headers: target.headers ?? {} });
  if (head.status === 200) return;
  const start = await fetch(`${target.url}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: target.headers ?? {} });
  await expectStatus(start, 202, 'upload start');
  const location = new URL(start.headers.get('location')!, target.url);
  location.searchParams.set('digest', b.digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { ...target.headers, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(b.bytes),
  });
  await expectStatus(put, 201, `blob ${b.digest}`);
}

export async function pushManifest(target: PushTarget, repository: string, reference: string, m: BuiltManifest): Promise<void> {
  const children = 'children' in m ? (m as { children: readonly BuiltManifest[] }).children : [];
  for (const child of children) await pushManifest(target, repository, child.digest, child);
  for (const b of m.blobs) await pushBlob(target, repository, b);
  const put = await fetch(`${target.url}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT',
    headers: { ...target.headers, 'content-type': m.mediaType },
    body: new Uint8Array(m.bytes),
  });
  await expectStatus(put, 201, `manifest ${reference}`);
}

/** The digest a registry serves for a tag or digest, undefined when absent. */
export async function manifestDigest(target: PushTarget, repository: string, reference: string): Promise<string | undefined> {
  const reply = await fetch(`${target.url}/v2/${repository}/manifests/${reference}`, {
    headers: { ...target.headers, accept: [OCI_INDEX, OCI_MANIFEST, 'application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.docker.distribution.manifest.list.v2+json'].join(', ') },
  });
  if (reply.status === 404) {
    await reply.body?.cancel();
    return undefined;
  }
  await expectStatus(reply, 200, `manifest ${reference}`);
  return sha256(Buffer.from(await reply.arrayBuffer()));
}

export async function hasBlob(target: PushTarget, repository: string, digest: string): Promise<boolean> {
  const reply = await fetch(`${target.url}/v2/${repository}/blobs/${digest}`, { method: 'HEAD', headers: target.headers ?? {} });
  return reply.status === 200;
}

async function expectStatus(reply: Response, status: number, what: string): Promise<void> {
  if (reply.status === status) return;
  throw new Error(`${what}: HTTP ${reply.status} ${await reply.text()}`);
}

export interface TarInput {
  readonly name: string;
  readonly content: Buffer;
  /** Typeflag: '0' file (default), '5' directory, '2' symlink, 'x' PAX header, 'L' GNU long name. */
  readonly type?: string;
  /** The ustar prefix field, joined to the name with a slash by readers. */
  readonly prefix?: string;
}

/** A ustar archive, every field fixed so the bytes depend only on the entries. */
export function tar(entries: readonly TarInput[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${entry.content.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write(entry.type ?? '0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    if (entry.prefix !== undefined) header.write(entry.prefix, 345, 155, 'utf8');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    parts.push(header, entry.content, Buffer.alloc((512 - (entry.content.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** mulberry32 seeded from a string: reproducible, not cryptographic. */
function prng(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
