// Finding where a link was changed after signing. A URL re-encoded on the way (a mail client
// decoding %20 into a space, a proxy upper-casing escapes, a "+" turned into "%2B") no longer
// matches its signature; trying the usual re-encodings and checking which one the signature
// verifies for recovers the form that was signed — then the difference can be shown.
import type { UrlDifference } from '../../../shared/contract/links.ts'
import { canonicalUrl } from '../url.ts'

/** Forms the URL may have had when it was signed, most likely first; never the URL itself. */
export function signedFormCandidates(url: string): string[] {
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const query = queryAt === -1 ? '' : url.slice(queryAt)
  const candidates = [
    canonicalUrl(url),
    canonicalUrl(url.replace(/ /g, '%20')),
    decodeSafely(url),
    path + query.replace(/\+/g, '%20'),
    // Form-style encoders write a space as "+" in the path too; a signed path never has a raw "+".
    url.replace(/\+/g, '%20'),
    path + query.replace(/%20/g, '+'),
    url.replace(/%[0-9a-f]{2}/g, (escape) => escape.toUpperCase()),
  ]
  return [...new Set(candidates.filter((c): c is string => c !== undefined && c !== url))]
}

function decodeSafely(text: string): string | undefined {
  try {
    return decodeURI(text)
  } catch {
    return undefined
  }
}

/** The shortest span where the two differ, with the common start and end left out. */
export function describeDifference(
  signed: string,
  current: string,
  source: UrlDifference['source'],
  historyLabel?: string,
): UrlDifference {
  let at = 0
  while (at < signed.length && at < current.length && signed[at] === current[at]) at++
  let tail = 0
  while (
    tail < signed.length - at &&
    tail < current.length - at &&
    signed[signed.length - 1 - tail] === current[current.length - 1 - tail]
  ) {
    tail++
  }
  return {
    signed,
    current,
    at,
    signedPart: signed.slice(at, signed.length - tail),
    currentPart: current.slice(at, current.length - tail),
    source,
    ...(historyLabel ? { historyLabel } : {}),
  }
}
