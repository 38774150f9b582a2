// The URL a link is signed for. CloudFront checks the signature against the URL exactly as the
// viewer sends it, so Keyfront signs the form a browser sends unchanged: scheme and host as the
// WHATWG URL parser normalises them (lower case, punycode, no default port, dot segments
// resolved), then path and query percent-encoded by @aws-sdk/cloudfront-signer itself when it
// signs (sdk-signer.ts) — Keyfront keeps no encoding of its own.
import { KeyfrontError } from '../../shared/errors.ts'
import { checkUrlCharacters } from '../../shared/plain-text.ts'
import { sdkEncodedUrl } from './sdk-signer.ts'

/** CloudFront refuses longer URLs. */
export const MAX_URL_BYTES = 8192

/** Query parameters CloudFront reads itself: a URL to sign may not carry them. */
export const RESERVED_PARAMETERS = ['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm']

export interface PreparedUrl {
  /** As the user gave it. */
  input: string
  /** What gets signed (and what the signed URL starts with). */
  resource: string
}

export function prepareUrl(input: string): PreparedUrl {
  return { input: input.trim(), resource: sdkEncodedUrl(checkUrl(input)) }
}

/**
 * Checks a URL given to sign and returns its WHATWG form, which the SDK encodes as it signs: a
 * batch signs this directly (its resources are read back from the signed URLs, see resourceOf).
 */
export function checkUrl(input: string): string {
  const text = input.trim()
  checkUrlCharacters(text)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new KeyfrontError(
      'URL_INVALID',
      `"${text.slice(0, 80)}" is not a complete web address. Paste the whole URL, starting with https:// — for example https://d111111abcdef8.cloudfront.net/report.pdf.`,
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KeyfrontError(
      'URL_INVALID',
      `Only http:// and https:// links can be signed; this one starts with ${url.protocol}//. Use the https:// address of the file on your CloudFront distribution.`,
    )
  }
  if (url.username || url.password) {
    throw new KeyfrontError(
      'URL_INVALID',
      'This URL contains a user name or password before the host. Remove it: CloudFront links do not carry credentials.',
    )
  }
  if (text.includes('#')) {
    throw new KeyfrontError(
      'URL_INVALID',
      'This URL has a "#" part, which browsers never send to CloudFront. Remove it — or, if "#" is part of the file name, write it as %23.',
    )
  }
  const reserved = reservedParameterIn(url.search)
  if (reserved) {
    throw new KeyfrontError(
      'URL_RESERVED_PARAMETER',
      `This URL already has a "${reserved}" parameter, which CloudFront reserves for signed links — it may be signed already (inspect it instead). Remove Expires, Policy, Signature, Key-Pair-Id and Hash-Algorithm from it, then sign it.`,
    )
  }
  return whatwgForm(url)
}

/** The form Keyfront signs a URL in, without the checks (the inspector tries it on edited links). */
export function canonicalUrl(text: string): string | undefined {
  try {
    return sdkEncodedUrl(whatwgForm(new URL(text)))
  } catch {
    return undefined
  }
}

function whatwgForm(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search}`
}

/** The first reserved parameter name in a query string (compared without regard to case). */
export function reservedParameterIn(search: string): string | undefined {
  if (search === '') return undefined
  const names = search
    .replace(/^\?/, '')
    .split('&')
    .map((pair) => safeDecode(pair.split('=')[0] ?? '').toLowerCase())
  return RESERVED_PARAMETERS.find((name) => names.includes(name.toLowerCase()))
}

/** Rejects a finished signed URL that CloudFront would refuse for its length. */
export function checkSignedLength(signedUrl: string): void {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most URLs need no counting (this runs once per URL of a batch).
  if (signedUrl.length * 3 <= MAX_URL_BYTES) return
  const bytes = Buffer.byteLength(signedUrl, 'utf8')
  if (bytes > MAX_URL_BYTES) {
    throw new KeyfrontError(
      'URL_TOO_LONG',
      `The signed link would be ${bytes.toLocaleString('en-US')} bytes; CloudFront accepts at most 8,192. Shorten the path or query string, or sign with an ECDSA key (shorter signatures).`,
    )
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}
