import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  normaliseAt,
  parseReference
} from "./chunk-Z6TURJHQ.js";
import {
  InputError
} from "./chunk-G6VKCFWK.js";

// src/core/fs/regular-file.ts
import { stat } from "node:fs/promises";
async function refuseNonRegular(path, where) {
  const info = await stat(path).catch(() => void 0);
  if (info && !info.isFile()) throw new InputError(where, `${path} is ${kind(info)}, not a regular file`);
}
function kind(info) {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a named pipe";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "not a file";
}

// src/core/kind/node-image.ts
import { join } from "node:path";
var KIND_DEFAULT_IMAGE = /kindest\/node:v\d+\.\d+\.\d+[\w.-]*@sha256:[a-f0-9]{64}/;
function kindDefaultIn(text) {
  return KIND_DEFAULT_IMAGE.exec(text)?.[0];
}
var KIND_DEFAULT_MAX_LENGTH = 200;
function chooseNodeImage(given, nodes, kindDefault, where) {
  const images = nodeImagesOf(nodes);
  if (given !== void 0) return pinned({ ref: normaliseAt(given, "node image"), source: "node-image", where: "node image" }, where);
  if (images.length > 1) {
    for (const node of images) normaliseAt(node.image, node.where);
    return { warnings: [`kind.nodes name ${images.length} different node images: kind runs each as written, and none is stored or cached by sew-ci`] };
  }
  const first = images[0];
  if (first !== void 0) return pinned({ ref: normaliseAt(first.image, first.where), source: "kind config", where: first.where }, where);
  if (kindDefault === void 0) return { warnings: [] };
  return pinned({ ref: normaliseAt(kindDefault.image, kindDefault.binary), source: "kind default", where: kindDefault.binary }, where);
}
function nodesNameImage(nodes) {
  return nodeImagesOf(nodes).length > 0;
}
function nodeImagesOf(nodes) {
  const seen = /* @__PURE__ */ new Map();
  nodes.forEach((node, i) => {
    if (node.image === void 0) return;
    const where = `kind.nodes[${i}].image`;
    if (typeof node.image !== "string" || node.image === "") throw new InputError(where, "must be an image reference");
    if (!seen.has(node.image)) seen.set(node.image, where);
  });
  return [...seen].map(([image, where]) => ({ image, where }));
}
function pinned(image, { home, platform }) {
  const ref = parseReference(image.ref);
  if (ref.digest === void 0) {
    return { image, warnings: [`node image ${image.ref} (${image.where}) is not pinned by digest: kind pulls it, and sew-ci neither stores nor caches it`] };
  }
  const localTag = `${ref.host}/${ref.repository}:sew-${ref.digest.slice("sha256:".length)}`;
  return { image: { ...image, stored: { digest: ref.digest, data: nodeImageData(home), platform, localTag } }, warnings: [] };
}
function nodeImageData(home) {
  return join(home, "node-image");
}

export {
  refuseNonRegular,
  kindDefaultIn,
  KIND_DEFAULT_MAX_LENGTH,
  chooseNodeImage,
  nodesNameImage
};
