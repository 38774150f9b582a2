// "Test it live" against a local HTTP server that answers the way a CloudFront edge does: it
// checks the signature of a canned URL or cookie set itself (node:crypto, the public key) and
// answers 206 with one byte, CloudFront's 403 XML, or — for one path — S3's own AccessDenied.
import { verify } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cannedPolicy, fromUrlSafeBase64 } from '../../../src/core/signing/policy.ts'
import type { KeyfrontError } from '../../../src/shared/errors.ts'
import { NOW, RSA_KEY, makeService } from './fixtures.ts'

let server: Server
let origin = ''
const seen: IncomingMessage[] = []

function cloudFrontError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
}

/** A tiny CloudFront edge: canned policies only, times against the real clock of the test. */
function edge(request: IncomingMessage): { status: number; body: string; s3?: boolean } {
  const url = new URL(request.url ?? '/', origin)
  const cookies = Object.fromEntries(
    (request.headers.cookie ?? '')
      .split('; ')
      .filter(Boolean)
      .map((c) => c.split('=') as [string, string]),
  )
  const get = (name: string) => url.searchParams.get(name) ?? cookies[`CloudFront-${name}`]
  const keyPairId = get('Key-Pair-Id')
  if (!keyPairId)
    return {
      status: 403,
      body: cloudFrontError('MissingKey', 'Missing Key-Pair-Id query parameter or cookie value'),
    }
  if (keyPairId !== RSA_KEY.keyPairId)
    return { status: 403, body: cloudFrontError('InvalidKey', 'Unknown Key') }
  const signature = fromUrlSafeBase64(get('Signature') ?? '')
  if (!signature)
    return { status: 403, body: cloudFrontError('MalformedSignature', 'Could not unencode Signature') }
  const raw = `${origin}${request.url ?? ''}`
  const resource = request.headers.cookie ? raw : raw.slice(0, raw.indexOf('Expires=') - 1)
  const expires = Number(get('Expires'))
  const ok = verify('sha1', Buffer.from(cannedPolicy(resource, expires)), RSA_KEY.publicKey, signature)
  if (!ok || Date.now() / 1000 >= expires)
    return { status: 403, body: cloudFrontError('AccessDenied', 'Access denied') }
  if (url.pathname === '/s3-denied.pdf') {
    return {
      status: 403,
      s3: true,
      body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R</RequestId><HostId>H</HostId></Error>',
    }
  }
  return { status: 206, body: '%' }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request)
    const answer = edge(request)
    response.writeHead(answer.status, {
      'content-type': answer.status === 206 ? 'application/pdf' : 'text/xml',
      server: answer.s3 ? 'AmazonS3' : 'CloudFront',
      'x-amz-cf-id': 'test-request-id',
    })
    response.end(answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** Real time: the edge double checks expiry against the real clock. */
const realNow = () => Math.floor(Date.now() / 1000)

describe('test it live', () => {
  it('a working link: 206, a ranged GET of one byte', async () => {
    const { links } = makeService({ clock: { now: () => Date.now() } })
    const link = await links.sign({ key: 'Main RSA', url: `${origin}/file.pdf`, expiresAt: realNow() + 600 })
    const result = await links.testLive({ input: link.signedUrl ?? '' })
    expect(result).toMatchObject({
      status: 206,
      answeredBy: 'cloudfront',
      explanation: 'The link works: the file was served.',
    })
    expect(seen.at(-1)?.headers.range).toBe('bytes=0-0')
  })

  it('an expired link: CloudFront’s 403 AccessDenied, code and message read from the XML', async () => {
    const { links } = makeService({ clock: { now: () => (realNow() - 7200) * 1000 } })
    const link = await links.sign({ key: 'Main RSA', url: `${origin}/file.pdf`, expiresAt: realNow() - 3600 })
    const result = await links.testLive({ input: link.signedUrl ?? '' })
    expect(result).toMatchObject({
      status: 403,
      errorCode: 'AccessDenied',
      errorMessage: 'Access denied',
      answeredBy: 'cloudfront',
    })
    expect(result.explanation).toMatch(/expired, is not valid yet/)
  })

  it('an unknown key and a missing key, with CloudFront’s own codes', async () => {
    const { links } = makeService({ clock: { now: () => Date.now() } })
    const url =
      (await links.sign({ key: 'Main RSA', url: `${origin}/file.pdf`, expiresAt: realNow() + 600 }))
        .signedUrl ?? ''
    const unknown = await links.testLive({ input: url.replace('K2JCJMDEHXQW5F', 'KAAAAAAAAAAAAA') })
    expect(unknown).toMatchObject({ status: 403, errorCode: 'InvalidKey', errorMessage: 'Unknown Key' })
    expect(unknown.explanation).toMatch(/trusted key group/)
    const missing = await links.testLive({ input: url.replace(/&Key-Pair-Id=[^&]+/, '') })
    expect(missing).toMatchObject({ errorCode: 'MissingKey' })
  })

  it('a refusal by the origin (S3) after the signature was accepted', async () => {
    const { links } = makeService({ clock: { now: () => Date.now() } })
    const link = await links.sign({
      key: 'Main RSA',
      url: `${origin}/s3-denied.pdf`,
      expiresAt: realNow() + 600,
    })
    const result = await links.testLive({ input: link.signedUrl ?? '' })
    expect(result).toMatchObject({ status: 403, errorCode: 'AccessDenied', answeredBy: 'origin' })
    expect(result.explanation).toMatch(/origin refused.*aws\/s3/)
  })

  it('sends signed cookies in a Cookie header to the URL given with them', async () => {
    const { links } = makeService({ clock: { now: () => Date.now() } })
    const link = await links.sign({
      key: 'Main RSA',
      url: `${origin}/file.pdf`,
      expiresAt: realNow() + 600,
      cookies: true,
    })
    const text = (link.cookies ?? []).map((c) => `Set-Cookie: ${c.setCookie}`).join('\n')
    const result = await links.testLive({ input: text, url: `${origin}/file.pdf` })
    expect(result.status).toBe(206)
    expect(seen.at(-1)?.headers.cookie).toMatch(
      /^CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; CloudFront-Signature=[^;]+; CloudFront-Expires=\d+$/,
    )
  })

  it('says when the host cannot be reached', async () => {
    const { links } = makeService()
    const error = await links
      .testLive({ input: `http://127.0.0.1:9/x.pdf?Expires=${NOW}&Key-Pair-Id=K&Signature=abc` })
      .catch((e: unknown) => e)
    expect((error as KeyfrontError).code).toBe('LIVE_TEST_UNREACHABLE')
    expect((error as KeyfrontError).message).toMatch(/could not reach 127\.0\.0\.1:9/)
  })
})
