// A file's vars block and sew's precedence of variable values, rule by rule.
import { describe, expect, it } from 'vitest';
import { contextVariables, flatVariables, NO_OVERRIDES, parseSets, passOn } from '../../../src/core/config/variables.js';
import { readVarsBlock } from '../../../src/core/config/vars.js';

describe('the vars block', () => {
  it.each([
    ['a plain value', 'vars:\n  imageTag: "17"\n', [{ name: 'imageTag', default: '17' }], []],
    ['a number, as written', 'vars:\n  imageTag: 17.0\n', [{ name: 'imageTag', default: '17.0' }], []],
    ['an empty value', 'vars:\n  helmVersion:\n', [{ name: 'helmVersion', default: '' }], []],
    [
      'default and description',
      'vars:\n  imageTag:\n    default: latest\n    description: Docker image tag\n',
      [{ name: 'imageTag', default: 'latest', description: 'Docker image tag' }],
      [],
    ],
    [
      'a path-scoped override, nested',
      'vars:\n  postgresql:\n    standalone:\n      imageTag:\n        default: "16"\n',
      [],
      [{ path: 'postgresql/standalone', name: 'imageTag', value: '16' }],
    ],
    [
      'an override as a plain value beside a declaration',
      'vars:\n  clusterName: apim\n  redis:\n    standalone:\n      imageTag: "7"\n',
      [{ name: 'clusterName', default: 'apim' }],
      [{ path: 'redis/standalone', name: 'imageTag', value: '7' }],
    ],
    ['a block after templated text', 'kind:\n  name: "{{ .clusterName }}"\nvars:\n  clusterName: x\nimages: {}\n', [{ name: 'clusterName', default: 'x' }], []],
    ['no block', 'kind:\n  name: "{{ .x }}"\n', [], []],
    [
      'a path segment written twice, as sew walks every entry (the registry\'s gravitee-io/oss/am/jdbc/mysql)',
      'vars:\n  mysql:\n    standalone:\n      mysqlDatabase:\n        default: am\n  jdbcHost: mysql\n  mysql:\n    standalone:\n      imageTag:\n        default: "8.0"\n',
      [{ name: 'jdbcHost', default: 'mysql' }],
      [
        { path: 'mysql/standalone', name: 'mysqlDatabase', value: 'am' },
        { path: 'mysql/standalone', name: 'imageTag', value: '8.0' },
      ],
    ],
    ['an indented vars key is not the block', 'components:\n  - vars:\n      a: b\n', [], []],
  ])('reads %s', (_, text, declared, overrides) => {
    expect(readVarsBlock('ctx/sew.yaml', text)).toEqual({ declared, overrides });
  });

  it.each([
    ['a list', 'a: 1\nvars: [x]\n', 'ctx/sew.yaml:2: "vars" must be a mapping'],
    ['a list as a value', 'vars:\n  x: [1]\n', 'ctx/sew.yaml:2: variable "x" must be a value'],
  ])('refuses %s, naming the line', (_, text, message) => {
    expect(() => readVarsBlock('ctx/sew.yaml', text)).toThrow(message);
  });
});

describe('effective variables', () => {
  const block = readVarsBlock('f', 'vars:\n  imageTag: "17"\n  helmVersion: ""\n');
  const received = new Map([['postgresql/standalone', { imageTag: '16' }]]);

  it.each([
    ['own defaults', NO_OVERRIDES, {}, { imageTag: '17', helmVersion: '' }],
    ['a plain --set of a declared name', NO_OVERRIDES, { imageTag: '18' }, { imageTag: '18', helmVersion: '' }],
    ['a plain --set of an undeclared name is not taken', NO_OVERRIDES, { other: 'x' }, { imageTag: '17', helmVersion: '' }],
    ['an override from a composing context beats a plain --set', received, { imageTag: '18' }, { imageTag: '16', helmVersion: '' }],
    ['a dotted --set of this path beats everything', received, { imageTag: '18', 'postgresql.standalone.imageTag': '15' }, { imageTag: '15', helmVersion: '' }],
    ['a dotted --set may write the path with slashes, as sew splits it', NO_OVERRIDES, { 'postgresql/standalone.imageTag': '15' }, { imageTag: '15', helmVersion: '' }],
    ['a dotted --set of another path is not taken', NO_OVERRIDES, { 'redis.standalone.imageTag': '7' }, { imageTag: '17', helmVersion: '' }],
    ['a dotted --set may name a variable not declared', NO_OVERRIDES, { 'postgresql.standalone.extra': 'y' }, { imageTag: '17', helmVersion: '', extra: 'y' }],
  ])('%s', (_, overrides, sets, expected) => {
    expect(contextVariables(block, 'postgresql/standalone', overrides, sets)).toEqual(expected);
  });

  it('project and flag files take their defaults and every --set', () => {
    expect(flatVariables(block, { imageTag: '18', 'a.b.c': 'd', other: 'x' })).toEqual({ imageTag: '18', helmVersion: '', 'a.b.c': 'd', other: 'x' });
  });

  it('a context passes on what it received, its own overrides over it', () => {
    const own = readVarsBlock('f', 'vars:\n  postgresql:\n    standalone:\n      imageTag: "15"\n  redis:\n    imageTag: "7"\n').overrides;
    const passed = passOn(new Map([['postgresql/standalone', { imageTag: '16', user: 'app' }]]), own);
    expect(Object.fromEntries(passed)).toEqual({ 'postgresql/standalone': { imageTag: '15', user: 'app' }, redis: { imageTag: '7' } });
  });

  it.each([
    [['imageTag=4.9.0', 'a.b.k=x=y', 'imageTag=5'], { imageTag: '5', 'a.b.k': 'x=y' }],
    [['empty='], { empty: '' }],
  ])('--set %j', (items, expected) => {
    expect(parseSets(items, '--set')).toEqual(expected);
  });

  it.each(['imageTag', '=v', 'a..b=1', 'bad key=1'])('refuses --set %j', (item) => {
    expect(() => parseSets([item], '--set')).toThrow(`--set: "${item}" must be KEY=VALUE`);
  });
});
