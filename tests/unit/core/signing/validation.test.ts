// One test per bad input: each is refused before the keychain is opened, with its own error code
// and a message that says what to do instead.
import { describe, expect, it } from 'vitest'
import type { SignInput } from '../../../../src/core/signing/link-service.ts'
import { KeyfrontError } from '../../../../src/shared/errors.ts'
import { KEY_WITHOUT_ID, NOW, makeService } from './fixtures.ts'

const URL_OK = 'https://d111111abcdef8.cloudfront.net/report.pdf'

async function refusal(input: Partial<SignInput>): Promise<KeyfrontError> {
  const { links, keys, history } = makeService()
  const error = await links.sign({ key: 'Main RSA', url: URL_OK, expiresAt: NOW + 3600, ...input }).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(KeyfrontError)
  if (input.key === undefined) expect(keys.loads).toBe(0)
  expect(history.entries).toEqual([])
  return error as KeyfrontError
}

describe('bad inputs are refused with a specific message', () => {
  it('an expiry in the past', async () => {
    const error = await refusal({ expiresAt: NOW - 60 })
    expect(error.code).toBe('EXPIRY_IN_PAST')
    expect(error.message).toMatch(/1 minute ago.*Choose a time in the future/)
  })

  it('an expiry of exactly now', async () => {
    expect((await refusal({ expiresAt: NOW })).code).toBe('EXPIRY_IN_PAST')
  })

  it('a start time after the expiry', async () => {
    const error = await refusal({ startsAt: NOW + 7200, expiresAt: NOW + 3600 })
    expect(error.code).toBe('START_AFTER_EXPIRY')
    expect(error.message).toMatch(/Choose a start time before the expiry/)
  })

  it('an expiry after 2038-01-19 03:14:07 UTC', async () => {
    const error = await refusal({ expiresAt: 2_147_483_648 })
    expect(error.code).toBe('EXPIRY_TOO_LATE')
    expect(error.message).toMatch(/19 January 2038/)
  })

  it('an expiry given in milliseconds is too late (never silently read as seconds)', async () => {
    expect((await refusal({ expiresAt: (NOW + 3600) * 1000 })).code).toBe('EXPIRY_TOO_LATE')
  })

  it('an IPv6 address', async () => {
    const error = await refusal({ ipAddress: '2001:db8::1' })
    expect(error.code).toBe('IP_V6_UNSUPPORTED')
    expect(error.message).toMatch(/IPv4 addresses only/)
  })

  it('an IPv6 range', async () => {
    expect((await refusal({ ipAddress: '2001:db8::/32' })).code).toBe('IP_V6_UNSUPPORTED')
  })

  it.each([
    '203.0.113.256',
    '203.0.113.0/33',
    '203.0.113',
    '203.0.113.0/',
    '010.0.0.1',
    'localhost',
    '1.2.3.4/24/8',
  ])('a malformed IPv4 address or CIDR: %s', async (ipAddress) => {
    const error = await refusal({ ipAddress })
    expect(error.code).toBe('IP_INVALID')
    expect(error.message).toMatch(/203\.0\.113\.0\/24/)
  })

  it.each(['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm', 'signature'])(
    'a URL that already carries %s',
    async (name) => {
      const error = await refusal({ url: `${URL_OK}?a=1&${name}=x` })
      expect(error.code).toBe('URL_RESERVED_PARAMETER')
      expect(error.message).toMatch(/Remove Expires, Policy, Signature, Key-Pair-Id and Hash-Algorithm/)
    },
  )

  it.each([
    'ftp://example.com/file.txt',
    'file:///etc/passwd',
    'rtmp://s5c39gqb8ow64r.cloudfront.net/video.mp4',
  ])('a non-http(s) URL: %s', async (url) => {
    const error = await refusal({ url })
    expect(error.code).toBe('URL_INVALID')
    expect(error.message).toMatch(/Only http:\/\/ and https:\/\//)
  })

  it('something that is not a URL at all (a bare path)', async () => {
    const error = await refusal({ url: '/videos/intro.mp4' })
    expect(error.code).toBe('URL_INVALID')
    expect(error.message).toMatch(/starting with https:\/\//)
  })

  it('a URL with a #fragment', async () => {
    const error = await refusal({ url: `${URL_OK}#page=2` })
    expect(error.code).toBe('URL_INVALID')
    expect(error.message).toMatch(/%23/)
  })

  it('a URL with credentials before the host', async () => {
    expect((await refusal({ url: 'https://user:pw@d111111abcdef8.cloudfront.net/x' })).code).toBe(
      'URL_INVALID',
    )
  })

  it('a signed URL longer than 8,192 bytes', async () => {
    const { links } = makeService()
    const long = `${URL_OK}?q=${'x'.repeat(7900)}`
    const error = await links
      .sign({ key: 'Main RSA', url: long, expiresAt: NOW + 3600 })
      .catch((e: unknown) => e)
    expect((error as KeyfrontError).code).toBe('URL_TOO_LONG')
    expect((error as KeyfrontError).message).toMatch(/at most 8,192/)
  })

  it('a key with no Key-Pair-Id yet — refused before its private half is read', async () => {
    const { links, keys } = makeService()
    const error = await links
      .sign({ key: 'not uploaded', url: URL_OK, expiresAt: NOW + 3600 })
      .catch((e: unknown) => e)
    expect((error as KeyfrontError).code).toBe('KEY_PAIR_ID_MISSING')
    expect((error as KeyfrontError).message).toMatch(
      /"Not uploaded" has no Key-Pair-Id.*keyfront keys set-id/,
    )
    expect(keys.loads).toBe(0)
    const direct = await links
      .sign({ key: KEY_WITHOUT_ID, url: URL_OK, expiresAt: NOW + 3600 })
      .catch((e: unknown) => e)
    expect((direct as KeyfrontError).code).toBe('KEY_PAIR_ID_MISSING')
  })

  it('a key Keyfront does not hold', async () => {
    const { links } = makeService()
    const error = await links
      .sign({ key: 'nope', url: URL_OK, expiresAt: NOW + 3600 })
      .catch((e: unknown) => e)
    expect((error as KeyfrontError).code).toBe('KEY_NOT_FOUND')
  })

  it('a wildcard resource that does not cover the URL being signed', async () => {
    const error = await refusal({ resource: 'https://d111111abcdef8.cloudfront.net/videos/*' })
    expect(error.code).toBe('RESOURCE_PATTERN_INVALID')
    expect(error.message).toMatch(/does not cover/)
  })

  it('a wildcard resource that is not a URL pattern, or not percent-encoded', async () => {
    expect((await refusal({ resource: 'videos/*' })).code).toBe('RESOURCE_PATTERN_INVALID')
    const spaced = await refusal({
      url: `${URL_OK.replace('report', 'my report')}`,
      resource: 'https://d111111abcdef8.cloudfront.net/my report*',
    })
    expect(spaced.message).toMatch(/a space is %20/)
  })
})

describe('labels and URLs are plain text on one line', () => {
  it.each([
    ['501 characters', 'x'.repeat(501), /The label is 501 characters long; a label holds at most 500/],
    ['a line break', 'first line\nsecond line', /one line of text: remove the line break/],
    ['a carriage return', 'first\rsecond', /remove the line break/],
    [
      'an ESC sequence',
      'Invoice \u001b[2J\u001b]0;owned\u0007',
      /control character \(\\u001b, character 9\)/,
    ],
    ['a C1 control (CSI)', 'Invoice \u009b31m', /control character \(\\u009b, character 9\)/],
    ['a bidi override', 'Invoice \u202egnp.exe', /control character \(\\u202e, character 9\)/],
  ])('a label with %s is refused before the key is read', async (_, label, message) => {
    const error = await refusal({ label })
    expect(error.code).toBe('LABEL_INVALID')
    expect(error.message).toMatch(message)
  })

  it('the same label rules for a batch, before its key is read', async () => {
    const { links, keys, history } = makeService()
    const error = await links
      .signBatch({ key: 'Main RSA', urls: [URL_OK], expiresAt: NOW + 3600, label: 'a\u001b[31mred' })
      .catch((e: unknown) => e)
    expect((error as KeyfrontError).code).toBe('LABEL_INVALID')
    expect(keys.loads).toBe(0)
    expect(history.entries).toEqual([])
  })

  it('keeps a label of exactly 500 characters, trimmed of the spaces and line breaks around it', async () => {
    const { links, history } = makeService()
    await links.sign({
      key: 'Main RSA',
      url: URL_OK,
      expiresAt: NOW + 60,
      label: `\n  ${'é'.repeat(500)}  \n`,
    })
    expect(history.entries[0]?.label).toBe('é'.repeat(500))
  })

  it.each([
    ['an ESC sequence', `${URL_OK}\u001b[2J`, '\\u001b'],
    ['a tab (the URL parser would drop it silently)', `${URL_OK.replace('report', 're\tport')}`, '\\t'],
    ['a line break inside (two URLs pasted as one)', `${URL_OK}\n${URL_OK}`, '\\n'],
    ['a NUL', `${URL_OK}\u0000`, '\\u0000'],
    ['DEL', `${URL_OK.replace('report', 'rep\u007fort')}`, '\\u007f'],
  ])('a URL with %s', async (_, url, shown) => {
    const error = await refusal({ url })
    expect(error.code).toBe('URL_CONTROL_CHARACTER')
    expect(error.message).toContain(`control character (${shown}`)
    expect(error.message).toMatch(/browsers never send/)
  })

  it('a URL with a control character in a batch names its line', async () => {
    const { links, history } = makeService()
    const error = await links
      .signBatch({ key: 'Main RSA', urls: [URL_OK, `${URL_OK}?a=\u001b[0m`], expiresAt: NOW + 3600 })
      .catch((e: unknown) => e)
    expect((error as KeyfrontError).code).toBe('URL_CONTROL_CHARACTER')
    expect((error as KeyfrontError).message).toMatch(/^Line 2: /)
    expect(history.entries).toEqual([])
  })
})

describe('good inputs that look unusual', () => {
  it('accepts an IP without a mask as /32 and a whole range', async () => {
    const { links } = makeService()
    const one = await links.sign({
      key: 'Main RSA',
      url: URL_OK,
      expiresAt: NOW + 60,
      ipAddress: ' 198.51.100.7 ',
    })
    expect(one.ipAddress).toBe('198.51.100.7/32')
    const range = await links.sign({
      key: 'Main RSA',
      url: URL_OK,
      expiresAt: NOW + 60,
      ipAddress: '0.0.0.0/0',
    })
    expect(range.ipAddress).toBe('0.0.0.0/0')
  })

  it('accepts the last second CloudFront can read, 2147483647', async () => {
    const { links } = makeService()
    await expect(
      links.sign({ key: 'Main RSA', url: URL_OK, expiresAt: 2_147_483_647 }),
    ).resolves.toMatchObject({
      expiresAt: 2_147_483_647,
    })
  })

  it('accepts scheme and host wildcards (*://*.cloudfront.net/*)', async () => {
    const { links } = makeService()
    const link = await links.sign({
      key: 'Main RSA',
      url: URL_OK,
      expiresAt: NOW + 60,
      resource: '*://*.cloudfront.net/report.???',
    })
    expect(link.canned).toBe(false)
    const policy = JSON.parse(link.policy) as { Statement: { Resource: string }[] }
    expect(policy.Statement[0]?.Resource).toBe('*://*.cloudfront.net/report.???')
  })
})
