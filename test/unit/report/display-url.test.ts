// Secrets travel in a URL's userinfo, query and fragment: what messages may show of a URL.

import { describe, expect, it } from 'vitest';
import { displayUrl, maskUrls } from '../../../src/core/format.js';

describe('displayUrl', () => {
  it.each([
    ['https://user:pa55@registry.example:5000/v2/x?token=t0k#frag', 'https://registry.example:5000/v2/x'],
    ['https://registry.example', 'https://registry.example'],
    [new URL('https://user:pa55@registry.example?x=1'), 'https://registry.example/'],
    [new URL('http://127.0.0.1:5001/sew.yaml?sig=abc'), 'http://127.0.0.1:5001/sew.yaml'],
    [new URL('file:///home/me/ctx%20dir/sew.yaml'), '/home/me/ctx dir/sew.yaml'],
    ['https://user:pa55@[not-a-host/x?token=t0k', 'https://[not-a-host/x'],
    ['user:pa55@registry.example/x#frag', 'registry.example/x'],
    ['registry.example/path', 'registry.example/path'],
  ])('%s -> %s', (input, expected) => {
    expect(displayUrl(input)).toBe(expected);
  });
});

describe('maskUrls', () => {
  it.each([
    ['cannot construct http://u:pa55@h:1/a?t=1 (bad)', 'cannot construct http://h:1/a (bad)'],
    ['two: https://a.example/x#f and "https://b.example/?q"', 'two: https://a.example/x and "https://b.example/"'],
    ['no url here', 'no url here'],
  ])('%s', (input, expected) => {
    expect(maskUrls(input)).toBe(expected);
  });
});
