// The examples of sew's container-images doc: merge, replace and skip across layers and flags.
import { describe, expect, it } from 'vitest';
import { planFor, yaml, type Case } from './plan-helpers.js';

const base = yaml`
  images:
    preload:
      refs:
        - docker.io/library/mongo:7
        - docker.elastic.co/elasticsearch/elasticsearch:8.17.0
`;

const cases: { name: string; case: Case; refs: string[]; skipped?: string[] }[] = [
  {
    name: 'merge (default) unions refs with the inherited ones',
    case: {
      files: {
        'project/contexts/base/sew.yaml': yaml`
          images:
            preload:
              refs: [mongo:7]
        `,
        'project/sew.yaml': yaml`
          registry: file://.
          from: [contexts/base]
          images:
            preload:
              refs: [bitnami/redis:7.4]
        `,
      },
    },
    refs: ['docker.io/library/mongo:7', 'docker.io/bitnami/redis:7.4'],
  },
  {
    name: 'explicit mode merge behaves as the default',
    case: {
      files: {
        'project/contexts/base/sew.yaml': base,
        'project/sew.yaml': yaml`
          registry: file://.
          from: [contexts/base]
          images:
            preload:
              mode: merge
              refs: [bitnami/redis:7.4]
        `,
      },
    },
    refs: ['docker.io/library/mongo:7', 'docker.elastic.co/elasticsearch/elasticsearch:8.17.0', 'docker.io/bitnami/redis:7.4'],
  },
  {
    name: 'replace discards every inherited ref',
    case: {
      files: {
        'project/contexts/base/sew.yaml': base,
        'project/sew.yaml': yaml`
          registry: file://.
          from: [contexts/base]
          images:
            preload:
              mode: replace
              refs:
                - docker.io/library/mongo:7
                - bitnami/redis:7.4
        `,
      },
    },
    refs: ['docker.io/library/mongo:7', 'docker.io/bitnami/redis:7.4'],
  },
  {
    name: 'skip removes an inherited image',
    case: {
      files: {
        'project/contexts/base/sew.yaml': base,
        'project/sew.yaml': yaml`
          registry: file://.
          from: [contexts/base]
          images:
            preload:
              skip:
                - docker.elastic.co/elasticsearch/elasticsearch:8.17.0
        `,
      },
    },
    refs: ['docker.io/library/mongo:7'],
    skipped: ['docker.elastic.co/elasticsearch/elasticsearch:8.17.0'],
  },
  {
    name: 'skip entries accumulate across layers',
    case: {
      files: {
        'project/contexts/base/sew.yaml': yaml`
          images:
            preload:
              refs: [mongo:7, redis:7, nginx:1.27]
        `,
        'project/contexts/mid/sew.yaml': yaml`
          from: [base]
          images:
            preload:
              skip: [redis:7]
        `,
        'project/sew.yaml': yaml`
          registry: file://./contexts
          from: [mid]
          images:
            preload:
              skip: [nginx:1.27]
        `,
      },
    },
    refs: ['docker.io/library/mongo:7'],
    skipped: ['docker.io/library/redis:7', 'docker.io/library/nginx:1.27'],
  },
  {
    name: 'skip is ignored when mode is replace',
    case: {
      files: {
        'project/contexts/base/sew.yaml': base,
        'project/sew.yaml': yaml`
          registry: file://.
          from: [contexts/base]
          images:
            preload:
              mode: replace
              refs: [mongo:7, redis:7]
              skip: [mongo:7]
        `,
      },
    },
    refs: ['docker.io/library/mongo:7', 'docker.io/library/redis:7'],
  },
  {
    name: 'a context flag skips its image, applied last (the --no-es example)',
    case: {
      files: {
        'project/contexts/base/sew.yaml': base,
        'project/contexts/base/sew--no-es.yaml': yaml`
          description: "Disable Elasticsearch and analytics reporters"
          images:
            preload:
              skip:
                - docker.elastic.co/elasticsearch/elasticsearch:8.17.0
          components:
            - name: elasticsearch
              enabled: false
        `,
        'project/sew.yaml': yaml`
          registry: file://.
          from: [contexts/base]
          images:
            preload:
              refs: [bitnami/redis:7.4]
        `,
      },
      options: { flags: ['no-es'] },
    },
    refs: ['docker.io/library/mongo:7', 'docker.io/bitnami/redis:7.4'],
    skipped: ['docker.elastic.co/elasticsearch/elasticsearch:8.17.0'],
  },
  {
    name: 'refs are deduplicated on the normalised form',
    case: {
      files: {
        'project/contexts/base/sew.yaml': yaml`
          images:
            preload:
              refs: [mongo:7, index.docker.io/library/redis]
        `,
        'project/sew.yaml': yaml`
          registry: file://.
          from: [contexts/base]
          images:
            preload:
              refs: [docker.io/library/mongo:7, library/mongo:7, redis:latest, docker.io/redis]
        `,
      },
    },
    refs: ['docker.io/library/mongo:7', 'docker.io/library/redis:latest'],
  },
  {
    name: 'skip matches on the normalised form',
    case: {
      files: {
        'project/sew.yaml': yaml`
          images:
            preload:
              refs: [docker.io/library/mongo:7, redis]
              skip: [mongo:7]
        `,
      },
    },
    refs: ['docker.io/library/redis:latest'],
    skipped: ['docker.io/library/mongo:7'],
  },
  {
    name: 'the user-level file is a layer below the project',
    case: {
      files: {
        'home/sew.yaml': yaml`
          images:
            preload:
              refs: [busybox:1.36]
        `,
        'project/sew.yaml': yaml`
          images:
            preload:
              refs: [mongo:7]
        `,
      },
    },
    refs: ['docker.io/library/busybox:1.36', 'docker.io/library/mongo:7'],
  },
  {
    name: 'a replace in the project discards what the user-level file preloads',
    case: {
      files: {
        'home/sew.yaml': yaml`
          images:
            preload:
              refs: [busybox:1.36]
        `,
        'project/sew.yaml': yaml`
          images:
            preload:
              mode: replace
              refs: [mongo:7]
        `,
      },
    },
    refs: ['docker.io/library/mongo:7'],
  },
  {
    name: '--skip-preload leaves nothing to preload',
    case: {
      files: { 'project/sew.yaml': base },
      options: { skipPreload: true },
    },
    refs: [],
  },
  {
    // sew resolves a composing context on its own first (registry gravitee-io/oss/apim/dbless).
    name: 'a composing context\'s replace discards only its own parents\' refs, not a sibling\'s',
    case: {
      files: {
        'project/contexts/db/sew.yaml': yaml`
          images:
            preload:
              refs: [postgres:17, mysql:9]
              skip: [mysql:9]
        `,
        'project/contexts/base/sew.yaml': base,
        'project/contexts/dbless/sew.yaml': yaml`
          from: [base]
          images:
            preload:
              mode: replace
              refs: [graviteeio/apim-gateway:4.9.0]
        `,
        'project/sew.yaml': yaml`
          registry: file://./contexts
          from: [db, dbless]
        `,
      },
    },
    refs: ['docker.io/library/postgres:17', 'docker.io/graviteeio/apim-gateway:4.9.0'],
    skipped: ['docker.io/library/mysql:9'],
  },
];

describe('preload resolution', () => {
  it.each(cases)('$name', async ({ case: c, refs, skipped = [] }) => {
    const plan = await planFor(c);
    expect(plan.preload.refs).toEqual(refs);
    expect(plan.preload.skipped).toEqual(skipped);
  });
});
