import { describe, expect, it } from 'vitest';
import { formatReference, hostNamespace, normaliseReference, parseReference, preloadRepository } from '../../../src/core/images/reference.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('normaliseReference', () => {
  it.each([
    ['mongo:7', 'docker.io/library/mongo:7'],
    ['mongo', 'docker.io/library/mongo:latest'],
    ['docker.io/library/mongo:7', 'docker.io/library/mongo:7'],
    ['index.docker.io/library/mongo:7', 'docker.io/library/mongo:7'],
    ['docker.io/mongo:7', 'docker.io/library/mongo:7'],
    ['bitnami/redis:7.4', 'docker.io/bitnami/redis:7.4'],
    ['ghcr.io/x/app', 'ghcr.io/x/app:latest'],
    ['GHCR.IO/x/app:v1', 'ghcr.io/x/app:v1'],
    ['localhost/app:dev', 'localhost/app:dev'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['upstream.test:5900/team/api:1.4', 'upstream.test:5900/team/api:1.4'],
    [`mongo@${D}`, `docker.io/library/mongo@${D}`],
    [`mongo:7@${D}`, `docker.io/library/mongo:7@${D}`],
    ['docker.elastic.co/elasticsearch/elasticsearch:8.17.0', 'docker.elastic.co/elasticsearch/elasticsearch:8.17.0'],
    ['a/b/c/d:1', 'docker.io/a/b/c/d:1'],
    ['my_app__x-y.z:1', 'docker.io/library/my_app__x-y.z:1'],
    ['  mongo:7 ', 'docker.io/library/mongo:7'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseReference(input)).toBe(expected);
  });

  it.each([
    ['', 'empty image reference'],
    ['Mongo:7', 'repository must be lowercase'],
    ['mongo:', 'bad tag ""'],
    ['mongo:-x', 'bad tag "-x"'],
    ['mongo@sha256:abc', 'bad digest'],
    ['ghcr.io/', 'missing repository'],
    ['foo//bar', 'bad path component ""'],
    ['mon go', 'contains whitespace'],
    ['ex_ample.com/x:1', 'bad registry host "ex_ample.com"'],
    [`${'a'.repeat(256)}:1`, 'longer than 255'],
  ])('%j is refused: %s', (input, message) => {
    expect(() => parseReference(input)).toThrow(message);
  });
});

describe('parts and namespaces', () => {
  it('splits host, repository, tag and digest', () => {
    expect(parseReference(`upstream.test:5900/team/api:1.4@${D}`)).toEqual({
      host: 'upstream.test:5900',
      repository: 'team/api',
      tag: '1.4',
      digest: D,
    });
  });

  it('round-trips through formatReference', () => {
    const ref = parseReference('quay.io/prometheus/node-exporter:v1.8.0');
    expect(formatReference(ref)).toBe('quay.io/prometheus/node-exporter:v1.8.0');
  });

  it.each([
    ['upstream.test:5900', 'upstream.test_5900'],
    ['docker.io', 'docker.io'],
    ['localhost:5000', 'localhost_5000'],
  ])('namespace of %s is %s', (host, ns) => {
    expect(hostNamespace(host)).toBe(ns);
  });

  it('keeps same-path images on different hosts apart', () => {
    const a = preloadRepository(parseReference('ghcr.io/x/app:1'));
    const b = preloadRepository(parseReference('docker.io/x/app:1'));
    expect(a).toBe('ghcr.io/x/app');
    expect(b).toBe('docker.io/x/app');
    expect(a).not.toBe(b);
  });
});
