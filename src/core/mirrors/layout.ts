// Where the pull-through mirrors keep their storage under `images.mirrors.data`: one registry
// storage per upstream host, all under one root, which is what the CI cache saves.
import { join } from 'node:path';

export function mirrorsStorageRoot(data: string): string {
  return join(data, 'data');
}

export function mirrorStorageDir(data: string, host: string): string {
  return join(mirrorsStorageRoot(data), host);
}
