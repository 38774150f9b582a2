// The resource forms a custom policy may take (`*`, host patterns, path wildcards, a URL holding
// `*`), the one-line warning for the broad ones, and signed cookies as sites need them: a Domain
// when asked for (checked), and an Expires at the policy's expiry.
import { describe, expect, it } from 'vitest'
import { cookiePath } from '../../../../src/core/signing/cookies.ts'
import { broadResourceWarning, wildcardOf } from '../../../../src/shared/resource-pattern.ts'
import { NOW, makeService } from './fixtures.ts'

const HOST = 'https://d111111abcdef8.cloudfront.net'
const URL_OK = `${HOST}/videos/intro.mp4`
const EXPIRES = NOW + 3600

describe('resource forms', () => {
  it.each([
    ['*', URL_OK],
    ['*cloudfront.net/*', URL_OK],
    ['*.example.com/media/*', 'https://cdn.example.com/media/a.mp4'],
    ['https://*.example.com/*', 'https://cdn.example.com/media/a.mp4'],
    ['*://d111111abcdef8.cloudfront.net/videos/*', URL_OK],
    [`${HOST}/videos/intro.mp?`, URL_OK],
  ])('%s is a resource a custom policy may have', async (resource, url) => {
    const { links, history } = makeService()
    const link = await links.sign({ key: 'Main RSA', url, resource, expiresAt: EXPIRES })
    expect(link).toMatchObject({ canned: false, resource })
    expect((JSON.parse(link.policy) as { Statement: { Resource: string }[] }).Statement[0]?.Resource).toBe(
      resource,
    )
    expect(history.entries[0]?.resource).toBe(resource)
  })

  it.each(['d111111abcdef8.cloudfront.net/*', '*/videos/*', '**', 'ftp://d111111abcdef8.cloudfront.net/*'])(
    '%s is refused, naming the forms there are',
    async (resource) => {
      const { links, keys } = makeService()
      await expect(
        links.sign({ key: 'Main RSA', url: URL_OK, resource, expiresAt: EXPIRES }),
      ).rejects.toMatchObject({
        code: 'RESOURCE_PATTERN_INVALID',
        message: expect.stringMatching(
          /^A resource is \* \(every file\), a pattern that starts with https:\/\//,
        ) as unknown,
      })
      expect(keys.loads).toBe(0)
    },
  )

  it('says in one line how far a broad resource reaches, and nothing for one site', async () => {
    const { links } = makeService()
    const everything = await links.sign({ key: 'Main RSA', url: URL_OK, resource: '*', expiresAt: EXPIRES })
    expect(everything.warnings[0]).toBe('It opens every file of every site that trusts this key.')
    const hosts = await links.sign({
      key: 'Main RSA',
      url: URL_OK,
      resource: '*cloudfront.net/*',
      expiresAt: EXPIRES,
    })
    expect(hosts.warnings[0]).toBe('It opens files on every site whose address matches *cloudfront.net/*.')
    const folder = await links.sign({
      key: 'Main RSA',
      url: URL_OK,
      resource: `${HOST}/videos/*`,
      expiresAt: EXPIRES,
    })
    expect(folder.warnings).toEqual([])
  })

  it('takes a URL that holds * as its own pattern, the same rule main and the page use', () => {
    expect(wildcardOf({ url: `${HOST}/videos/*` })).toBe(`${HOST}/videos/*`)
    expect(wildcardOf({ url: `${HOST}/videos/*`, resource: '*' })).toBe('*')
    expect(wildcardOf({ url: URL_OK, resource: '  ' })).toBeUndefined()
    expect(broadResourceWarning(`${HOST}/*`)).toBeUndefined()
    expect(broadResourceWarning('https://*.example.com/*')).toMatch(/every site whose address matches/)
  })
})

describe('signed cookies as sites need them', () => {
  it('carry the Domain asked for, and an Expires at the moment the policy stops working', async () => {
    const { links } = makeService()
    const link = await links.sign({
      key: 'Main RSA',
      url: 'https://cdn.example.com/videos/intro.mp4',
      resource: 'https://cdn.example.com/videos/*',
      expiresAt: EXPIRES,
      cookies: true,
      cookieDomain: '.Example.COM',
    })
    for (const cookie of link.cookies ?? []) {
      expect(cookie.setCookie).toBe(
        `${cookie.name}=${cookie.value}; Domain=example.com; Path=/videos/; Secure; HttpOnly; Expires=Wed, 04 Nov 2026 11:00:00 GMT`,
      )
    }
    expect(new Date('Wed, 04 Nov 2026 11:00:00 GMT').getTime() / 1000).toBe(EXPIRES)
    expect(link.warnings.join(' ')).not.toMatch(/no Domain attribute/)
  })

  it('without a Domain, say how to give one', async () => {
    const { links } = makeService()
    const link = await links.sign({ key: 'Main RSA', url: URL_OK, expiresAt: EXPIRES, cookies: true })
    expect(link.cookies?.[0]?.setCookie).not.toMatch(/Domain=/)
    expect(link.warnings.join(' ')).toMatch(/give a cookie domain \(Advanced options, or --cookie-domain\)/)
  })

  it('an IDN domain is written in punycode', async () => {
    const { links } = makeService()
    const link = await links.sign({
      key: 'Main RSA',
      url: 'https://cdn.bücher.example/a.pdf',
      expiresAt: EXPIRES,
      cookies: true,
      cookieDomain: 'bücher.example',
    })
    expect(link.cookies?.[0]?.setCookie).toMatch(/; Domain=xn--bcher-kva\.example; /)
  })

  it.each([
    ['https://example.com', /is not a domain name for cookies/],
    ['example.com/videos', /is not a domain name for cookies/],
    ['localhost', /is not a domain name for cookies/],
    ['203.0.113.7', /is not a domain name for cookies/],
    ['cloudfront.net', /Browsers refuse cookies for all of cloudfront\.net/],
    [
      'example.org',
      /Cookies for example\.org are never sent to d111111abcdef8\.cloudfront\.net, where the files are/,
    ],
  ])('a cookie domain %s is refused before the key is read', async (cookieDomain, message) => {
    const { links, keys } = makeService()
    await expect(
      links.sign({ key: 'Main RSA', url: URL_OK, expiresAt: EXPIRES, cookies: true, cookieDomain }),
    ).rejects.toMatchObject({
      code: 'COOKIE_DOMAIN_INVALID',
      message: expect.stringMatching(message) as unknown,
    })
    expect(keys.loads).toBe(0)
  })

  it('a pattern host takes any domain (the browser sends the cookies wherever it matches)', async () => {
    const { links } = makeService()
    const link = await links.sign({
      key: 'Main RSA',
      url: 'https://cdn.example.com/a.pdf',
      resource: 'https://*.example.com/*',
      expiresAt: EXPIRES,
      cookies: true,
      cookieDomain: 'example.com',
    })
    expect(link.cookies?.[0]?.setCookie).toMatch(/; Domain=example\.com; Path=\/; /)
  })

  it.each([
    ['*', '/'],
    ['*example.com/videos/*', '/videos/'],
    ['*://d111111abcdef8.cloudfront.net/a/b?.mp4', '/a/'],
    [`${HOST}/videos/intro.mp4`, '/videos/intro.mp4'],
  ])('the cookie Path for %s is %s', (resource, path) => expect(cookiePath(resource)).toBe(path))
})
