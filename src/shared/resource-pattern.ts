// How far a custom policy's resource reaches, in the user's words: which pattern a link is signed
// for (its resource, or a URL that holds a `*` itself), whether that pattern opens more than one
// site, and the one-line warning for it. One rule for main's confirmation dialog, the core's
// warnings and the New link form, so all three call the same links broad.

/** A resource pattern whose scheme or host has a wildcard (`*://…`, `https://*example.com/…`, `*`). */
export function opensMoreThanOneSite(pattern: string): boolean {
  const scheme = /^([^/]*?):\/\//.exec(pattern)
  if (!scheme) return pattern.includes('*')
  const host = pattern.slice(scheme[0].length).split('/')[0] ?? ''
  return /[*?]/.test(scheme[1] ?? '') || host === '' || /[*?]/.test(host)
}

/**
 * The pattern a link is signed for: the resource given, else the URL itself when it holds a `*`
 * (a canned policy would cover only a literal `*`); undefined for a link to exactly its URL.
 */
export function wildcardOf(request: {
  url?: string | undefined
  resource?: string | undefined
}): string | undefined {
  const resource = request.resource?.trim()
  if (resource) return resource
  const url = request.url?.trim()
  return url?.includes('*') ? url : undefined
}

/** One line on how far a pattern that opens more than one site reaches; undefined otherwise. */
export function broadResourceWarning(pattern: string): string | undefined {
  const value = pattern.trim()
  if (value === '*') return 'It opens every file of every site that trusts this key.'
  if (!opensMoreThanOneSite(value)) return undefined
  return `It opens files on every site whose address matches ${value.slice(0, 200)}.`
}
