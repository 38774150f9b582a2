// "Test it live" against a local HTTP server that answers the way a CloudFront edge does: it
// checks the signature of a canned URL or cookie set itself (node:crypto, the public key) and
// answers 206 with one byte, CloudFront's 403 XML, or — for one path — S3's own AccessDenied. The
// server is on loopback, which a live test refuses unless asked to allow it (allowPrivateAddresses,
// which the app never sets); the refusals themselves are tested at the end.
import { verify } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testLive, type LiveTestOptions } from '../../../../src/core/signing/inspect/live-test.ts'
import { nonPublicKind } from '../../../../src/core/signing/inspect/public-address.ts'
import { cannedPolicy, fromUrlSafeBase64 } from '../../../../src/core/signing/policy.ts'
import type { KeyfrontError } from '../../../../src/shared/errors.ts'
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

/** A live test that may reach the local edge (the switch tests use; the app never sets it). */
const live = (request: { input: string; url?: string }, options: LiveTestOptions = {}) =>
  testLive(request, { allowPrivateAddresses: true, ...options })

describe('test it live', () => {
  it('a working link: 206, a ranged GET of one byte', async () => {
    const { links } = makeService({ clock: { now: () => Date.now() } })
    const link = await links.sign({ key: 'Main RSA', url: `${origin}/file.pdf`, expiresAt: realNow() + 600 })
    const result = await live({ input: link.signedUrl ?? '' })
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
    const result = await live({ input: link.signedUrl ?? '' })
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
    const unknown = await live({ input: url.replace('K2JCJMDEHXQW5F', 'KAAAAAAAAAAAAA') })
    expect(unknown).toMatchObject({ status: 403, errorCode: 'InvalidKey', errorMessage: 'Unknown Key' })
    expect(unknown.explanation).toMatch(/trusted key group/)
    const missing = await live({ input: url.replace(/&Key-Pair-Id=[^&]+/, '') }, { allowUnsigned: true })
    expect(missing).toMatchObject({ errorCode: 'MissingKey' })
  })

  it('a refusal by the origin (S3) after the signature was accepted', async () => {
    const { links } = makeService({ clock: { now: () => Date.now() } })
    const link = await links.sign({
      key: 'Main RSA',
      url: `${origin}/s3-denied.pdf`,
      expiresAt: realNow() + 600,
    })
    const result = await live({ input: link.signedUrl ?? '' })
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
    const result = await live({ input: text, url: `${origin}/file.pdf` })
    expect(result.status).toBe(206)
    expect(seen.at(-1)?.headers.cookie).toMatch(
      /^CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; CloudFront-Signature=[^;]+; CloudFront-Expires=\d+$/,
    )
  })

  it('says when the host cannot be reached', async () => {
    const error = await live({
      input: `http://127.0.0.1:9/x.pdf?Expires=${NOW}&Key-Pair-Id=K&Signature=abc`,
    }).catch((e: unknown) => e)
    expect((error as KeyfrontError).code).toBe('LIVE_TEST_UNREACHABLE')
    expect((error as KeyfrontError).message).toMatch(/could not reach 127\.0\.0\.1:9/)
  })
})

const SIGNED_QUERY = `?Expires=${NOW}&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=abc`
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as KeyfrontError,
  )

describe('what a live test may ask for', () => {
  it('refuses the local edge without the switch, and sends it nothing', async () => {
    const { links } = makeService({ clock: { now: () => Date.now() } })
    const link = await links.sign({ key: 'Main RSA', url: `${origin}/file.pdf`, expiresAt: realNow() + 600 })
    const before = seen.length
    const error = await refusal(testLive({ input: link.signedUrl ?? '' }))
    expect(error?.code).toBe('LIVE_TEST_REFUSED')
    expect(error?.message).toMatch(
      /^Keyfront tests links only on the public internet.*127\.0\.0\.1:\d+ leads to a loopback address/,
    )
    expect(seen.length).toBe(before)
  })

  it.each([
    ['http://localhost:9/', 'loopback'],
    ['http://127.0.0.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[64:ff9b::7f00:1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://10.1.2.3/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['https://192.168.1.1/', 'private'],
    ['http://[::ffff:c0a8:101]/', 'private'],
    ['http://100.64.0.1/', 'shared (carrier-grade NAT)'],
    ['http://[fd12:3456::1]/', 'unique-local'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
  ])('refuses %s (%s)', async (address, kind) => {
    const error = await refusal(testLive({ input: `${address}file.pdf${SIGNED_QUERY}` }))
    expect(error?.code).toBe('LIVE_TEST_REFUSED')
    expect(error?.message).toContain(`leads to a ${kind} address`)
  })

  it('refuses a name when any one of its addresses is not public, and resolves it only once', async () => {
    const lookups: string[] = []
    const error = await refusal(
      testLive(
        { input: `https://d111111abcdef8.cloudfront.net/file.pdf${SIGNED_QUERY}` },
        {
          lookup: async (hostname) => {
            lookups.push(hostname)
            return [
              { address: '18.160.0.1', family: 4 },
              { address: '::ffff:10.0.0.7', family: 6 },
            ]
          },
        },
      ),
    )
    expect(error?.code).toBe('LIVE_TEST_REFUSED')
    expect(error?.message).toContain('d111111abcdef8.cloudfront.net leads to a private address')
    expect(lookups).toEqual(['d111111abcdef8.cloudfront.net'])
  })

  it('says a name that does not resolve cannot be reached', async () => {
    const error = await refusal(
      testLive(
        { input: `https://nowhere.invalid/file.pdf${SIGNED_QUERY}` },
        { lookup: () => Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' })) },
      ),
    )
    expect(error?.code).toBe('LIVE_TEST_UNREACHABLE')
    expect(error?.message).toMatch(/could not reach nowhere\.invalid \(its name does not resolve\)/)
  })

  it('asks only for links that carry a signature, a Key-Pair-Id and an expiry or policy', async () => {
    const before = seen.length
    for (const input of [
      `${origin}/file.pdf`,
      `${origin}/file.pdf?Expires=${NOW}&Key-Pair-Id=K2JCJMDEHXQW5F`,
      `${origin}/file.pdf?Key-Pair-Id=K2JCJMDEHXQW5F&Signature=abc`,
      `${origin}/file.pdf?Expires=${NOW}&Signature=abc`,
    ]) {
      const error = await refusal(live({ input }))
      expect(error?.code).toBe('LIVE_TEST_REFUSED')
      expect(error?.message).toMatch(/signed CloudFront links only/)
    }
    const cookies = await refusal(
      live({ input: 'CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F', url: `${origin}/file.pdf` }),
    )
    expect(cookies?.code).toBe('LIVE_TEST_REFUSED')
    expect(seen.length).toBe(before)
  })
})

describe('public addresses', () => {
  it.each([
    '8.8.8.8',
    '18.160.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '172.32.0.1',
    '192.169.0.1',
    '2600:9000::1',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
  ])('%s is public', (address) => expect(nonPublicKind(address)).toBeUndefined())

  it.each([
    ['127.255.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['10.255.255.255', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.0', 'private'],
    ['100.127.255.255', 'shared (carrier-grade NAT)'],
    ['fc00::1', 'unique-local'],
    ['fdff:ffff::1', 'unique-local'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['fec0::1', 'site-local'],
  ])('%s is %s', (address, kind) => expect(nonPublicKind(address)).toBe(kind))
})
