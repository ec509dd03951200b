// netrc files as curl and sew read them.
import { describe, expect, it } from 'vitest';
import { parseNetrc } from '../../../src/core/config/netrc.js';

describe('netrc', () => {
  it.each([
    ['one machine per line', 'machine a.example login u password p\n', { 'a.example': { username: 'u', password: 'p' } }],
    ['tokens across lines, comments', '# mine\nmachine a.example\n  login u # me\n  password p\n', { 'a.example': { username: 'u', password: 'p' } }],
    ['two machines, the first of a name wins', 'machine a login 1 password 1\nmachine b login 2 password 2\nmachine a login 3 password 3', { a: { username: '1', password: '1' }, b: { username: '2', password: '2' } }],
    ['a macro body is skipped', 'macdef init\nmachine evil login x password y\n\nmachine a login u password p\n', { a: { username: 'u', password: 'p' } }],
    ['default ends the machines', 'machine a login u password p\ndefault login anon password x\nmachine b login v password q\n', { a: { username: 'u', password: 'p' } }],
    ['a machine without a password is not used', 'machine a login u\nmachine b login v password q account z\n', { b: { username: 'v', password: 'q' } }],
    ['nothing', '', {}],
  ])('%s', (_, text, expected) => {
    expect(Object.fromEntries(parseNetrc(text))).toEqual(expected);
  });
});
