// The test world: real containers on the real engine, driven through the docker CLI.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function docker(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('docker', args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`docker ${args.slice(0, 2).join(' ')} failed: ${stderr || (err as Error).message}`);
  }
}

/** Fails the suite early, with the fix, when the engine or the test images are missing. */
export async function requireWorld(): Promise<void> {
  try {
    await docker('info', '--format', '{{.ServerVersion}}');
  } catch {
    throw new Error('no Docker engine: run `bash .ci/provision.sh` (as root) first');
  }
  for (const image of ['registry:2', NODE_IMAGE]) {
    await docker('image', 'inspect', image).catch(() => {
      throw new Error(`image ${image} missing: run \`bash .ci/provision.sh\` first`);
    });
  }
  await docker('network', 'create', 'kind').catch(() => undefined);
}

export const NODE_IMAGE = 'sew-test/containerd-node:2';

export async function removeContainers(...names: string[]): Promise<void> {
  await Promise.all(names.map((n) => docker('rm', '-f', '-v', n).catch(() => undefined)));
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every registry container sew-ci made, whichever home: suites clean up under the Docker lock. */
export async function removeRegistries(): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', 'label=sew-ci.managed=true')).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
}
