// LinkService: signing one URL or cookie set, recording it in the history without its signature,
// and signing a history entry again — for RSA the very same link.
import { verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fromUrlSafeBase64 } from '../../../../src/core/signing/policy.ts'
import type { KeyfrontError } from '../../../../src/shared/errors.ts'
import { EC_KEY, NOW, makeService } from './fixtures.ts'

const URL_IN = 'https://d111111abcdef8.cloudfront.net/docs/Annual report 2026.pdf'
const RESOURCE = 'https://d111111abcdef8.cloudfront.net/docs/Annual%20report%202026.pdf'

describe('signing one link', () => {
  it('signs a canned URL whose signature verifies against the policy it records', async () => {
    const { links, history } = makeService()
    const link = await links.sign({
      key: 'Main RSA',
      url: URL_IN,
      expiresAt: NOW + 86_400,
      label: '  For Ana  ',
    })
    expect(link).toMatchObject({
      kind: 'url',
      url: URL_IN,
      resource: RESOURCE,
      canned: true,
      keyName: 'Main RSA',
    })
    expect(link.signedUrl).toMatch(
      new RegExp(
        `^${RESOURCE}\\?Expires=${NOW + 86_400}&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=[A-Za-z0-9~_-]+$`,
      ),
    )
    const signature = fromUrlSafeBase64(new URL(link.signedUrl ?? '').searchParams.get('Signature') ?? '')
    const { publicKey } = await makeService().keys.loadSigningKey('Main RSA')
    expect(verify('sha1', Buffer.from(link.policy), publicKey, signature ?? Buffer.alloc(0))).toBe(true)
    expect(history.entries).toEqual([
      {
        kind: 'url',
        url: URL_IN,
        resource: RESOURCE,
        policy: link.policy,
        canned: true,
        keyId: 'key-rsa',
        keyPairId: 'K2JCJMDEHXQW5F',
        algorithm: 'rsa-sha1',
        expiresAt: NOW + 86_400,
        label: 'For Ana',
        source: 'cli',
      },
    ])
    expect(JSON.stringify(history.entries)).not.toContain('Signature')
  })

  it('signs cookies for a wildcard resource, as Set-Cookie values with Path, Secure, HttpOnly and Expires', async () => {
    const { links, history } = makeService()
    const link = await links.sign({
      key: 'Main RSA',
      url: 'https://d111111abcdef8.cloudfront.net/videos/intro.mp4',
      resource: 'https://d111111abcdef8.cloudfront.net/videos/*',
      expiresAt: NOW + 3600,
      cookies: true,
    })
    expect(link.kind).toBe('cookies')
    expect(link.signedUrl).toBeUndefined()
    expect(link.cookies?.map((c) => c.name)).toEqual([
      'CloudFront-Key-Pair-Id',
      'CloudFront-Signature',
      'CloudFront-Policy',
    ])
    expect(link.cookies?.[2]?.setCookie).toMatch(
      /^CloudFront-Policy=[A-Za-z0-9~_-]+; Path=\/videos\/; Secure; HttpOnly; Expires=Wed, 04 Nov 2026 11:00:00 GMT$/,
    )
    expect(link.warnings.join(' ')).toMatch(/Domain/)
    expect(history.entries[0]).toMatchObject({
      kind: 'cookies',
      resource: 'https://d111111abcdef8.cloudfront.net/videos/*',
      canned: false,
    })
  })

  it('signs canned cookies (CloudFront-Expires) scoped to the file’s path, and SHA-256 adds CloudFront-Hash-Algorithm', async () => {
    const { links } = makeService()
    const link = await links.sign({
      key: 'Main RSA',
      url: URL_IN,
      expiresAt: NOW + 60,
      cookies: true,
      hash: 'sha256',
    })
    const byName = Object.fromEntries((link.cookies ?? []).map((c) => [c.name, c]))
    expect(byName['CloudFront-Expires']?.value).toBe(String(NOW + 60))
    expect(byName['CloudFront-Hash-Algorithm']?.value).toBe('SHA256')
    expect(byName['CloudFront-Signature']?.setCookie).toContain('Path=/docs/Annual%20report%202026.pdf;')
  })

  it('warns that an IP restriction shuts out IPv6 viewers', async () => {
    const { links } = makeService()
    const link = await links.sign({
      key: 'Main RSA',
      url: URL_IN,
      expiresAt: NOW + 60,
      ipAddress: '192.0.2.1',
    })
    expect(link.warnings.join(' ')).toMatch(/192\.0\.2\.1\/32.*IPv6/)
  })
})

describe('signing again from the history', () => {
  it('reproduces an RSA canned URL byte for byte', async () => {
    const { links, history } = makeService()
    const first = await links.sign({ key: 'Main RSA', url: URL_IN, expiresAt: NOW + 86_400 })
    const record = history.entries[0]
    expect(record).toBeDefined()
    await expect(links.signAgain(record!)).resolves.toEqual({ kind: 'url', url: first.signedUrl })
  })

  it('reproduces an RSA custom URL (start, IP, SHA-256) and custom cookies byte for byte', async () => {
    const { links, history } = makeService()
    const url = await links.sign({
      key: 'Main RSA',
      url: URL_IN,
      expiresAt: NOW + 600,
      startsAt: NOW + 60,
      ipAddress: '192.0.2.0/24',
      hash: 'sha256',
    })
    const cookies = await links.sign({
      key: 'Main RSA',
      url: URL_IN,
      resource: 'https://d111111abcdef8.cloudfront.net/docs/*',
      expiresAt: NOW + 600,
      cookies: true,
    })
    await expect(links.signAgain(history.entries[0]!)).resolves.toEqual({ kind: 'url', url: url.signedUrl })
    await expect(links.signAgain(history.entries[1]!)).resolves.toEqual({
      kind: 'cookies',
      cookies: cookies.cookies,
    })
  })

  it('signs an ECDSA entry again with a new signature over the same policy', async () => {
    const { links, history } = makeService()
    const first = await links.sign({ key: 'Phone ECDSA', url: URL_IN, expiresAt: NOW + 600 })
    const again = await links.signAgain(history.entries[0]!)
    if (again.kind !== 'url') throw new Error('expected a URL')
    const prefix = (u: string) => u.slice(0, u.indexOf('&Signature='))
    expect(prefix(again.url)).toBe(prefix(first.signedUrl ?? ''))
    const signature =
      fromUrlSafeBase64(new URL(again.url).searchParams.get('Signature') ?? '') ?? Buffer.alloc(0)
    expect(verify('sha1', Buffer.from(first.policy), EC_KEY.publicKey, signature)).toBe(true)
  })

  it('refuses an entry whose stored policy no longer matches its URL', async () => {
    const { links, history } = makeService()
    await links.sign({ key: 'Main RSA', url: URL_IN, expiresAt: NOW + 600 })
    const tampered = { ...history.entries[0]!, policy: history.entries[0]!.policy.replace('2026', '2027') }
    const error = await links.signAgain(tampered).catch((e: unknown) => e)
    expect((error as KeyfrontError).code).toBe('LINK_NOT_REPRODUCIBLE')
  })
})

describe('signing a batch for a site', () => {
  it('records the site’s distribution on every entry of the batch, and none without one', async () => {
    const { links, history } = makeService()
    const urls = [URL_IN, 'https://d111111abcdef8.cloudfront.net/docs/b.pdf']
    await links.signBatch({ key: 'Main RSA', urls, expiresAt: NOW + 600, distributionId: 'E2QWRUHAPOMQZL' })
    expect(history.entries.map((e) => [e.url, e.source, e.distributionId])).toEqual([
      [URL_IN, 'batch', 'E2QWRUHAPOMQZL'],
      [urls[1], 'batch', 'E2QWRUHAPOMQZL'],
    ])
    await links.signBatch({ key: 'Main RSA', urls: [URL_IN], expiresAt: NOW + 600 })
    expect(history.entries[2]).not.toHaveProperty('distributionId')
  })
})
