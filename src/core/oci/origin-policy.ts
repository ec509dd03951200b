// Where a registry's credentials may go. They belong to the registry's origin (scheme, host,
// port), as Docker keys its challenges by endpoint:
// - Requests carry an Authorization header only to that origin. Redirects elsewhere (blob
//   storage, a CDN with presigned URLs) go bare, and a 401 from elsewhere is never answered:
//   challenges are learnt from the registry's own replies only, so a redirect target cannot
//   ask for user:password with a Basic challenge.
// - No redirect leads from https to http: the next hop could be read or rewritten on the wire.
// - A Bearer realm is the token service the registry itself names in its challenge, and
//   another origin there is normal (registry-1.docker.io names auth.docker.io; GHCR, ECR and
//   Quay do alike), so user:password go to it, like Docker does, but never over a weaker
//   scheme than the registry's: an https registry's realm must be https. A plain-http registry
//   already has the credentials in clear text by the user's own choice (loopback, a lab).

export function carriesCredentials(url: URL, registry: URL): boolean {
  return url.origin === registry.origin;
}

/** Why following `from` to `to` is refused, or undefined when it may be followed. */
export function redirectRefusal(from: URL, to: URL): string | undefined {
  if (to.protocol !== 'https:' && to.protocol !== 'http:') return `redirect to a ${to.protocol} URL refused`;
  if (from.protocol === 'https:' && to.protocol === 'http:') return `redirect from https to plain http (${to.host}) refused`;
  return undefined;
}

/** Why the token realm a registry named is refused, or undefined when it may get our credentials. */
export function realmRefusal(realm: URL, registry: URL): string | undefined {
  if (realm.protocol !== 'https:' && realm.protocol !== 'http:') return 'the token realm is not HTTP(S)';
  if (registry.protocol === 'https:' && realm.protocol === 'http:') return `the token realm ${realm.host} is plain http while the registry is https`;
  return undefined;
}
