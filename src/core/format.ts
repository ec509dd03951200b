export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * A URL as messages may show it: scheme, host, port and path only. Userinfo, query and
 * fragment are where tokens, signatures and passwords travel, so they never reach a log.
 * Text that does not parse is trimmed the same way by hand.
 */
export function displayUrl(url: URL | string): string {
  let parsed: URL | undefined;
  try {
    // Without `//`, `user:pass@host` parses as scheme `user:`: trim such text by hand.
    if (url instanceof URL || /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) parsed = new URL(url);
  } catch {
    // not a URL: trimmed below
  }
  if (parsed === undefined) {
    return String(url)
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1')
      .replace(/[?#].*$/s, '');
  }
  if (parsed.protocol === 'file:') return decodeURIComponent(parsed.pathname);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/** Free text from elsewhere (a library's error message) with every URL in it shown as displayUrl does. */
export function maskUrls(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => displayUrl(url));
}
