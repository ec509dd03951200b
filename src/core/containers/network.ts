import type Docker from 'dockerode';
import { RuntimeError } from '../errors.js';
import { KIND_NETWORK } from '../home/names.js';
import { dockerReason, isNotFound } from './docker.js';

/** Kind puts its nodes on the network `kind` and reuses one that exists, so registries join it first. */
export async function ensureNetwork(docker: Docker, name: string = KIND_NETWORK): Promise<void> {
  try {
    await docker.getNetwork(name).inspect();
    return;
  } catch (err) {
    if (!isNotFound(err)) throw new RuntimeError(`cannot inspect Docker network ${name}: ${dockerReason(err)}`);
  }
  try {
    await docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: { 'sew-ci.managed': 'true' } });
  } catch (err) {
    // Another process (a parallel run, kind itself) may have created it meanwhile.
    if ((err as { statusCode?: number }).statusCode === 409) return;
    throw new RuntimeError(`cannot create Docker network ${name}: ${dockerReason(err)}`);
  }
}
