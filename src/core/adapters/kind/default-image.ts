// kind's default node image, read from the kind binary the cluster will be made with: release
// binaries carry it as a plain string, so the plan names the image kind would pull without a
// table of kind releases. Read in windows, and no further than a kind binary can be.
import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { KIND_DEFAULT_MAX_LENGTH, kindDefaultIn, type KindDefault } from '../../kind/node-image.js';

/** kind releases are 6-12 MB; a file this much larger is no kind binary worth scanning. */
const MAX_SCAN = 256 * 1024 * 1024;
const WINDOW = 4 * 1024 * 1024;

/** The `kind` the PATH resolves to, and its default node image; undefined without one. */
export async function kindDefaultImage(env: NodeJS.ProcessEnv): Promise<KindDefault | undefined> {
  const binary = await onPath('kind', env);
  if (binary === undefined) return undefined;
  const image = await scan(binary);
  return image === undefined ? undefined : { image, binary };
}

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    const file = await stat(candidate).catch(() => undefined);
    if (file?.isFile() && (await access(candidate, constants.X_OK).then(() => true, () => false))) return candidate;
  }
  return undefined;
}

async function scan(path: string): Promise<string | undefined> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(WINDOW);
    // The end of one window starts the next, so a string across the boundary is found.
    let tail = '';
    for (let position = 0; position < MAX_SCAN; position += WINDOW) {
      const { bytesRead } = await file.read(buffer, 0, WINDOW, position);
      if (bytesRead === 0) return undefined;
      const text = tail + buffer.toString('latin1', 0, bytesRead);
      const found = kindDefaultIn(text);
      if (found !== undefined) return found;
      tail = text.slice(-KIND_DEFAULT_MAX_LENGTH);
    }
    return undefined;
  } finally {
    await file.close();
  }
}
