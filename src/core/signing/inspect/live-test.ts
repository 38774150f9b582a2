// "Test it live": asks for the first byte of the file (a ranged GET, bytes=0-0) with the link or
// cookies, and explains the answer — CloudFront's own 403 codes, an origin (S3) refusal after the
// signature was accepted, a missing file, or success. Reads at most 64 KiB of the answer.
import type { LiveTestResult } from '../../../shared/contract/links.ts'
import { KeyfrontError } from '../../../shared/errors.ts'
import { parseSigned } from './parse.ts'

const TIMEOUT_MS = 15_000
const MAX_BODY_BYTES = 64 * 1024

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
  fetchImpl: typeof fetch = fetch,
): Promise<LiveTestResult> {
  const parts = parseSigned(request.input, request.url)
  const target = parts.kind === 'url' ? parts.fullUrl : parts.requestUrl
  if (!target || !/^https?:\/\//i.test(target)) {
    throw new KeyfrontError(
      'INVALID_INPUT',
      'Give the https:// URL the cookies are sent with to test them live.',
    )
  }
  const headers: Record<string, string> = { Range: 'bytes=0-0' }
  if (parts.kind === 'cookies') headers.Cookie = cookieHeader(request.input)
  const started = performance.now()
  let response: Response
  try {
    response = await fetchImpl(target, {
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    const host = new URL(target).host
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? 'no answer within 15 seconds'
        : 'no connection'
    throw new KeyfrontError(
      'LIVE_TEST_UNREACHABLE',
      `Keyfront could not reach ${host} (${reason}). Check the address and your internet connection, then try again.`,
    )
  }
  const body = await readSome(response)
  const errorCode = /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1]
  const errorMessage = /<Message>([^<]{1,500})<\/Message>/.exec(body)?.[1]
  const fromOrigin = /<RequestId>/.test(body) && /<HostId>/.test(body)
  const viaCloudFront =
    response.headers.has('x-amz-cf-id') ||
    /cloudfront/i.test(`${response.headers.get('server')} ${response.headers.get('via')}`)
  const answeredBy = fromOrigin ? 'origin' : viaCloudFront ? 'cloudfront' : 'unknown'
  return {
    status: response.status,
    statusText: response.statusText,
    ...(errorCode && { errorCode }),
    ...(errorMessage && { errorMessage }),
    answeredBy,
    explanation: explain(response.status, errorCode, answeredBy),
    elapsedMs: Math.round(performance.now() - started),
  }
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

async function readSome(response: Response): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  while (size < MAX_BODY_BYTES) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
  }
  await reader.cancel()
  return Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY_BYTES)
}
