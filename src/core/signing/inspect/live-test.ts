// "Test it live": asks for the first byte of the file (a ranged GET, bytes=0-0) with the link or
// cookies, and explains the answer — CloudFront's own 403 codes, an origin (S3) refusal after the
// signature was accepted, a missing file, or success. Reads at most 64 KiB of the answer.
//
// It runs in the main process, outside the page's Content-Security-Policy, so it asks only for
// what a live test needs: a link that carries CloudFront's signing parameters, on a host whose every
// address is public. The connection goes to the addresses that were checked (never a second DNS
// answer), and redirects are not followed.
import type { LookupAddress } from 'node:dns'
import type { IncomingHttpHeaders } from 'node:http'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import type { LiveTestResult } from '../../../shared/contract/links.ts'
import { KeyfrontError } from '../../../shared/errors.ts'
import { parseSigned, type SignedParts } from './parse.ts'
import { nonPublicKind, systemLookup, type LookupAll } from './public-address.ts'

const TIMEOUT_MS = 15_000
const MAX_BODY_BYTES = 64 * 1024

export interface LiveTestOptions {
  /**
   * Also reach loopback, private and link-local addresses: tests against a local server only. The
   * packaged app never sets it.
   */
  allowPrivateAddresses?: boolean
  /** Ask for a URL without CloudFront's signing parameters: the address of a link just signed, to see it refused. */
  allowUnsigned?: boolean
  /** Resolves host names (tests play DNS answers with it). */
  lookup?: LookupAll
}

interface Answer {
  status: number
  statusText: string
  headers: IncomingHttpHeaders
  body: string
}

const CLOUDFRONT_EXPLANATIONS: Record<string, string> = {
  MissingKey: 'CloudFront found no Key-Pair-Id in the link or cookies.',
  InvalidKey:
    'CloudFront does not know the Key-Pair-Id, or the key is not in a key group this cache behavior trusts. Add the public key to the trusted key group, or sign with a key that is in it.',
  MalformedSignature: 'CloudFront could not decode the Signature: the link was changed on the way.',
  MalformedPolicy: 'CloudFront could not read the policy: the link was changed on the way.',
  AccessDenied:
    'CloudFront refused the link: it has expired, is not valid yet, is opened from an address the policy excludes, or its signature does not match (edited or re-encoded after signing). The inspector above names which.',
}

export async function testLive(
  request: { input: string; url?: string },
  options: LiveTestOptions = {},
): Promise<LiveTestResult> {
  const parts = parseSigned(request.input, request.url)
  const target = parts.kind === 'url' ? parts.fullUrl : parts.requestUrl
  if (!target || !/^https?:\/\//i.test(target)) {
    throw new KeyfrontError(
      'INVALID_INPUT',
      'Give the https:// URL the cookies are sent with to test them live.',
    )
  }
  if (!options.allowUnsigned && !isSigned(parts)) {
    throw new KeyfrontError(
      'LIVE_TEST_REFUSED',
      'Keyfront tests signed CloudFront links only, and this one has no complete signature (Signature, Key-Pair-Id, and Expires or Policy). Paste the whole signed link, or the signed cookies with their URL.',
    )
  }
  const url = new URL(target)
  const headers: Record<string, string> = { Range: 'bytes=0-0' }
  if (parts.kind === 'cookies') headers.Cookie = cookieHeader(request.input)
  const started = performance.now()
  const addresses = await resolve(url, options)
  const answer = await firstByte(url, headers, addresses)
  const errorCode = /<Code>([^<]{1,100})<\/Code>/.exec(answer.body)?.[1]
  const errorMessage = /<Message>([^<]{1,500})<\/Message>/.exec(answer.body)?.[1]
  const fromOrigin = /<RequestId>/.test(answer.body) && /<HostId>/.test(answer.body)
  const header = (name: string) => [answer.headers[name] ?? ''].flat().join(' ')
  const viaCloudFront =
    answer.headers['x-amz-cf-id'] !== undefined || /cloudfront/i.test(`${header('server')} ${header('via')}`)
  const answeredBy = fromOrigin ? 'origin' : viaCloudFront ? 'cloudfront' : 'unknown'
  return {
    status: answer.status,
    statusText: answer.statusText,
    ...(errorCode && { errorCode }),
    ...(errorMessage && { errorMessage }),
    answeredBy,
    explanation: explain(answer.status, errorCode, answeredBy),
    elapsedMs: Math.round(performance.now() - started),
  }
}

/** What CloudFront needs to check a link at all: a signature, the key's id, and an expiry or policy. */
function isSigned(parts: SignedParts): boolean {
  return Boolean(parts.signature && parts.keyPairId && (parts.expires || parts.policy))
}

/** Every address of the link's host, each of them public (unless the caller allows private ones). */
async function resolve(url: URL, options: LiveTestOptions): Promise<LookupAddress[]> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1')
  let addresses: LookupAddress[]
  try {
    addresses = await (options.lookup ?? systemLookup)(hostname)
  } catch (error) {
    throw unreachable(url, 'its name does not resolve', error)
  }
  if (addresses.length === 0) throw unreachable(url, 'its name does not resolve')
  if (options.allowPrivateAddresses) return addresses
  for (const { address } of addresses) {
    const kind = nonPublicKind(address)
    if (kind) {
      throw new KeyfrontError(
        'LIVE_TEST_REFUSED',
        `Keyfront tests links only on the public internet, where CloudFront answers: ${url.host} leads to a ${kind} address, on this computer or a private network.`,
      )
    }
  }
  return addresses
}

/** A ranged GET over a fresh connection to the checked addresses; at most 64 KiB of the body is kept. */
function firstByte(url: URL, headers: Record<string, string>, addresses: LookupAddress[]): Promise<Answer> {
  const signal = AbortSignal.timeout(TIMEOUT_MS)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolveAnswer, reject) => {
    const request = send(
      url,
      { method: 'GET', headers, agent: false, lookup: pinnedLookup(addresses), signal },
      (response) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          size += chunk.byteLength
          if (size >= MAX_BODY_BYTES) response.destroy()
        })
        // A body cut short (the size cap, the timeout) still leaves the status and what came.
        response.on('error', () => {})
        response.on('close', () =>
          resolveAnswer({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY_BYTES),
          }),
        )
      },
    )
    request.on('error', (error) =>
      reject(unreachable(url, signal.aborted ? 'no answer within 15 seconds' : 'no connection', error)),
    )
    request.end()
  })
}

/** Hands the connection the addresses already checked, so a second DNS answer cannot swap them. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family
    const usable = addresses.filter((a) => !family || a.family === family)
    const first = usable[0]
    if (!first) callback(Object.assign(new Error('No address of that family'), { code: 'ENOTFOUND' }), '')
    else if (options.all) callback(null, usable)
    else callback(null, first.address, first.family)
  }
}

function unreachable(url: URL, reason: string, cause?: unknown): KeyfrontError {
  return new KeyfrontError(
    'LIVE_TEST_UNREACHABLE',
    `Keyfront could not reach ${url.host} (${reason}). Check the address and your internet connection, then try again.`,
    { cause },
  )
}

function explain(status: number, code: string | undefined, answeredBy: LiveTestResult['answeredBy']): string {
  if (status === 200 || status === 206) return 'The link works: the file was served.'
  if (status === 404)
    return 'The signature was accepted, but there is no file at this path on the origin. Check the path.'
  if (status >= 300 && status < 400)
    return `The server answered with a redirect (${status}); signed links should point at the file itself.`
  if (status === 403 && answeredBy === 'origin') {
    return 'CloudFront accepted the signature, but the origin refused: check the bucket policy allows this distribution (origin access control), and that the file is not encrypted with the AWS-managed KMS key (aws/s3), which CloudFront cannot read.'
  }
  if (status === 403 && code && CLOUDFRONT_EXPLANATIONS[code]) return CLOUDFRONT_EXPLANATIONS[code]
  if (status === 403) return 'Access was refused. The inspector above names the likely cause.'
  return `The server answered ${status}.`
}

function cookieHeader(input: string): string {
  const pairs = input
    .split(/[\n;]/)
    .map((part) => part.replace(/^\s*(set-)?cookie:\s*/i, '').trim())
    .filter((part) => /^cloudfront-[a-z-]+=/i.test(part))
  return pairs.join('; ')
}
