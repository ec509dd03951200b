// WWW-Authenticate parsing (RFC 7235). Hand-written because a scope value carries commas
// inside quotes ("repository:a:pull,push") and several challenges may share one header.

export interface Challenge {
  /** Lower-case: `bearer`, `basic`. */
  readonly scheme: string;
  /** Parameter names lower-cased: realm, service, scope, error. */
  readonly params: Readonly<Record<string, string>>;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
/** Looser than an RFC 7235 token: some servers leave URLs unquoted, so take up to the next comma. */
const BARE_VALUE = /[^,\s]*/y;

export function parseChallenges(header: string): Challenge[] {
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  let pos = 0;

  const skip = (chars: RegExp): void => {
    while (pos < header.length && chars.test(header[pos]!)) pos++;
  };
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = pos;
    const m = re.exec(header);
    if (m === null) return undefined;
    pos = re.lastIndex;
    return m[0];
  };
  const quoted = (): string => {
    let value = '';
    pos++; // opening quote
    while (pos < header.length && header[pos] !== '"') {
      if (header[pos] === '\\' && pos + 1 < header.length) pos++;
      value += header[pos];
      pos++;
    }
    pos++; // closing quote
    return value;
  };
  /** A `name=value` pair at pos, consumed; undefined (pos unchanged) when there is none. */
  const param = (): [string, string] | undefined => {
    const start = pos;
    const name = match(TOKEN);
    if (name === undefined) return undefined;
    skip(/[ \t]/);
    if (header[pos] !== '=') {
      pos = start;
      return undefined;
    }
    pos++;
    skip(/[ \t]/);
    const value = header[pos] === '"' ? quoted() : (match(BARE_VALUE) ?? '');
    return [name.toLowerCase(), value];
  };

  while (pos < header.length) {
    skip(/[ \t,]/);
    const scheme = match(TOKEN);
    if (scheme === undefined) break;
    const challenge = { scheme: scheme.toLowerCase(), params: {} as Record<string, string> };
    challenges.push(challenge);
    skip(/[ \t]/);
    const afterScheme = pos;
    if (match(TOKEN68) !== undefined) {
      skip(/[ \t]/);
      if (pos >= header.length || header[pos] === ',') continue;
      pos = afterScheme;
    }
    const first = param();
    if (first === undefined) continue;
    challenge.params[first[0]] = first[1];
    for (;;) {
      const save = pos;
      skip(/[ \t]/);
      if (header[pos] !== ',') break;
      pos++;
      skip(/[ \t,]/);
      const next = param();
      if (next === undefined) {
        pos = save;
        break;
      }
      challenge.params[next[0]] = next[1];
    }
  }
  return challenges;
}
