// A host's credentials go only to its own origin or to a url a layer the user wrote chose. A
// fetched context may route a host elsewhere, but the user's login for the host must not
// follow: the mirror proxy gets no username or password, the preload copier sends nothing.
import { describe, expect, it } from 'vitest';
import { endpointCredentials, endpointFor, mayCarryCredentials, type RegistryEndpoint } from '../../../src/core/config/registries.js';
import { planComposingFetched } from '../../support/resolve-plan.js';
import { nodeImageLoader } from '../../../src/core/preload/node-image.js';
import { registryPreloader } from '../../../src/core/preload/preloader.js';
import { serve } from '../../support/loopback-server.js';
import { disposables } from '../../support/disposables.js';

const LOGIN = { username: 'ghcr-bot', password: 'ghp-S3CRET' };
const scratch = disposables();
/** The Docker config: it holds a login for every host asked. */
const dockerConfig = async () => LOGIN;

const planWith = (context: string, project = '', options = {}) => planComposingFetched(scratch, context, project, options);

const routed = (url: string) => `images:\n  registries:\n    ghcr.io: {url: "${url}"}\n  mirrors:\n    upstreams: [ghcr.io]\n`;

describe('which urls a host credentials may follow', () => {
  it.each([
    ['a fetched context routing ghcr.io to another host', routed('http://127.0.0.1:5999'), '', false],
    ['a fetched context routing ghcr.io to plain http on its own host', routed('http://ghcr.io'), '', false],
    ['a fetched context routing ghcr.io to another port of its host', routed('https://ghcr.io:8443'), '', false],
    ['a fetched context naming ghcr.io its own origin', routed('https://ghcr.io'), '', true],
    ['the project file routing ghcr.io elsewhere', '', routed('http://127.0.0.1:5999'), true],
    ['the project file overriding a fetched route', routed('http://127.0.0.1:5999'), routed('https://mirror.corp.example'), true],
    ['no layer naming ghcr.io', 'kind: {}\n', '', true],
  ])('%s: credentials %s', async (_, context, project, carried) => {
    const plan = await planWith(context, project);
    const endpoint = endpointFor(plan.registries, 'ghcr.io');
    expect(mayCarryCredentials(endpoint)).toBe(carried);
    // What the mirror proxy is started with (default-deps.ts).
    expect(await endpointCredentials(endpoint, {}, dockerConfig)).toEqual(carried ? LOGIN : undefined);
  });

  it("Docker Hub's own origin is its API host", () => {
    const hub: RegistryEndpoint = { host: 'docker.io', url: 'https://registry-1.docker.io', trusted: false };
    expect(mayCarryCredentials(hub)).toBe(true);
    expect(mayCarryCredentials({ ...hub, url: 'https://docker.io.evil.example' })).toBe(false);
  });

  it('the preload copier sends no credentials to a url a fetched context chose', async () => {
    const registry = await serve((_req, res) => void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end());
    scratch.add(() => registry.close());
    const plan = await planWith(`${routed(registry.url)}  preload:\n    refs: [ghcr.io/acme/api:1]\n`);
    const report = await registryPreloader({}, dockerConfig).preload(plan, () => undefined);
    expect(report.images[0]?.error).toContain('authentication required and no credentials are configured');
    expect(registry.seen.length).toBeGreaterThan(0);
    expect(registry.seen.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
  });

  it('the node image copy sends no credentials to a url a fetched context chose either', async () => {
    const registry = await serve((_req, res) => void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end());
    scratch.add(() => registry.close());
    const plan = await planWith(routed(registry.url), '', { nodeImage: `ghcr.io/acme/node:v1@sha256:${'a'.repeat(64)}` });
    const engine = async () => {
      throw new Error('no Docker here: the copy is what is checked');
    };
    await nodeImageLoader({}, dockerConfig, engine)
      .ensure(plan, () => undefined)
      .catch(() => undefined);
    expect(registry.seen.length).toBeGreaterThan(0);
    expect(registry.seen.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
  });
});
