// The cluster state files: enough for `down` to work without the config.
import { readdir, readFile, rm } from 'node:fs/promises';
import { parse, stringify } from 'yaml';
import * as z from 'zod';
import { InputError } from '../../errors.js';
import { writeFileAtomic } from '../../fs/atomic.js';
import { clustersDir, KIND_CONFIG_SUFFIX, kindConfigPath, STATE_SUFFIX, statePath } from '../../kind/state.js';

const stateSchema = z.object({
  name: z.string(),
  kubeconfig: z.string(),
  kindConfig: z.string(),
  hostsDir: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.literal('sew-ci'),
});

export type ClusterState = z.infer<typeof stateSchema>;

/** The clusters this SEW_HOME has state for. */
export async function knownClusterNames(sewHome: string): Promise<string[]> {
  const files = await readdir(clustersDir(sewHome)).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith(STATE_SUFFIX) && !f.endsWith(KIND_CONFIG_SUFFIX)).map((f) => f.slice(0, -STATE_SUFFIX.length));
}

export async function writeClusterState(path: string, state: ClusterState): Promise<void> {
  await writeFileAtomic(path, stringify(state));
}

export async function readClusterState(sewHome: string, name: string): Promise<ClusterState | undefined> {
  const path = statePath(sewHome, name);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = stateSchema.safeParse(parse(text));
  if (!parsed.success) throw new InputError(path, 'not a cluster state file written by sew-ci');
  return parsed.data;
}

export async function removeClusterState(sewHome: string, name: string): Promise<void> {
  await rm(statePath(sewHome, name), { force: true });
  await rm(kindConfigPath(sewHome, name), { force: true });
}
