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
 * Text is trimmed as written (it may not even parse); a URL object is rebuilt from its parts.
 */
export function displayUrl(url: URL | string): string {
  if (typeof url === 'string') {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1').replace(/[?#].*$/s, '');
  }
  if (url.protocol === 'file:') return decodeURIComponent(url.pathname);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** Free text from elsewhere (a library's error message) with every URL in it shown as displayUrl does. */
export function maskUrls(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => displayUrl(url));
}
