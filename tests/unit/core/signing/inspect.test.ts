// The inspector: one test per cause of a 403 (and the working case), for URLs and cookies, each
// checking the verdict names the cause and CloudFront's error code.
import { describe, expect, it } from 'vitest'
import type { KeyfrontError } from '../../../../src/shared/errors.ts'
import { EC_KEY, NOW, NOW_MS, RSA_KEY, fixedClock, makeService } from './fixtures.ts'

const HOST = 'https://d111111abcdef8.cloudfront.net'

async function signed(options: Parameters<ReturnType<typeof makeService>['links']['sign']>[0]) {
  const service = makeService()
  const link = await service.links.sign(options)
  return { ...service, link, url: link.signedUrl ?? '' }
}

describe('the inspector names the cause', () => {
  it('a working link: facts, held key, verified signature, exit-worthy validNow', async () => {
    const { links, url } = await signed({
      key: 'Main RSA',
      url: `${HOST}/a b.pdf`,
      expiresAt: NOW + 3 * 86_400,
    })
    const report = await links.inspect({ input: url })
    expect(report).toMatchObject({
      kind: 'url',
      requestUrl: `${HOST}/a%20b.pdf`,
      canned: true,
      resource: `${HOST}/a%20b.pdf`,
      keyPairId: 'K2JCJMDEHXQW5F',
      heldKey: { id: 'key-rsa', name: 'Main RSA' },
      hashAlgorithm: 'SHA1',
      signatureAlgorithm: 'rsa-sha1',
      expiresAt: NOW + 3 * 86_400,
      signature: 'verified',
      cause: 'valid',
      validNow: true,
    })
    expect(report.verdict).toMatch(/^Signature and dates are valid now.*"Main RSA".*in 3 days/)
    expect(report.cloudFrontCode).toBeUndefined()
  })

  it('a working ECDSA SHA-256 custom link with an IP range, noting the IP condition', async () => {
    const { links, url } = await signed({
      key: 'Phone ECDSA',
      url: `${HOST}/v.mp4`,
      expiresAt: NOW + 600,
      ipAddress: '192.0.2.0/24',
      hash: 'sha256',
    })
    const report = await links.inspect({ input: `  <${url}>  ` })
    expect(report).toMatchObject({
      cause: 'valid',
      signatureAlgorithm: 'ecdsa-sha256',
      hashAlgorithm: 'SHA256',
      ipAddress: '192.0.2.0/24',
      canned: false,
    })
    expect(report.notes.join(' ')).toMatch(/192\.0\.2\.0\/24.*IPv6/)
  })

  it('expired', async () => {
    const clock = fixedClock()
    const service = makeService({ clock })
    const link = await service.links.sign({ key: 'Main RSA', url: `${HOST}/x.pdf`, expiresAt: NOW + 3600 })
    clock.set(NOW_MS + 2 * 3600_000)
    const report = await service.links.inspect({ input: link.signedUrl ?? '' })
    expect(report).toMatchObject({
      cause: 'expired',
      validNow: false,
      signature: 'verified',
      cloudFrontCode: 'AccessDenied',
    })
    expect(report.verdict).toMatch(/expired 1 hour ago/)
  })

  it('not yet valid', async () => {
    const { links, url } = await signed({
      key: 'Main RSA',
      url: `${HOST}/x.pdf`,
      expiresAt: NOW + 7200,
      startsAt: NOW + 3600,
    })
    const report = await links.inspect({ input: url })
    expect(report).toMatchObject({
      cause: 'not-yet-valid',
      startsAt: NOW + 3600,
      cloudFrontCode: 'AccessDenied',
    })
    expect(report.verdict).toMatch(/starts working only in 1 hour/)
  })

  it('an unknown Key-Pair-Id: the signature cannot be checked', async () => {
    const { links, url } = await signed({ key: 'Main RSA', url: `${HOST}/x.pdf`, expiresAt: NOW + 60 })
    const report = await links.inspect({ input: url.replace('K2JCJMDEHXQW5F', 'KZZZZZZZZZZZZZ') })
    expect(report).toMatchObject({
      cause: 'unknown-key',
      signature: 'not-checked',
      cloudFrontCode: 'InvalidKey',
      validNow: false,
    })
    expect(report.heldKey).toBeUndefined()
    expect(report.verdict).toMatch(/no key with Key-Pair-Id KZZZZZZZZZZZZZ.*Unknown Key/)
  })

  it('a URL re-encoded after signing: shows where it differs from the original in the history', async () => {
    const { links, url } = await signed({
      key: 'Main RSA',
      url: `${HOST}/Q3 report.pdf`,
      expiresAt: NOW + 60,
      label: 'Board pack',
    })
    const report = await links.inspect({ input: url.replace('%20', ' ') })
    expect(report).toMatchObject({
      cause: 'signature-mismatch',
      signature: 'mismatch',
      cloudFrontCode: 'AccessDenied',
    })
    expect(report.difference).toMatchObject({
      signed: `${HOST}/Q3%20report.pdf`,
      current: `${HOST}/Q3 report.pdf`,
      signedPart: '%20',
      currentPart: ' ',
      source: 'history',
      historyLabel: 'Board pack',
    })
    expect(report.verdict).toMatch(/changed after it was signed — where it had “%20” it now has a space —/)
  })

  it('a space re-encoded as "+" by a form-style encoder: the signed form is found by re-encoding', async () => {
    const { links, url } = await signed({
      key: 'Phone ECDSA',
      url: `${HOST}/late night.mp3?q=a b`,
      expiresAt: NOW + 60,
    })
    const report = await links.inspect({ input: url.replace(/%20/g, '+') })
    expect(report.cause).toBe('signature-mismatch')
    expect(report.difference).toMatchObject({
      signedPart: '%20night.mp3?q=a%20',
      currentPart: '+night.mp3?q=a+',
    })
  })

  it('a URL edited after signing (another file): the signature does not match', async () => {
    const { links, url } = await signed({
      key: 'Main RSA',
      url: `${HOST}/report-2025.pdf`,
      expiresAt: NOW + 60,
    })
    const report = await links.inspect({ input: url.replace('2025', '2026') })
    expect(report).toMatchObject({ cause: 'signature-mismatch', signature: 'mismatch' })
    expect(report.difference).toBeUndefined()
    expect(report.verdict).toMatch(/edited or re-encoded after signing/)
  })

  it('a Signature changed after signing, while the policy is one Keyfront signed', async () => {
    const { links, url } = await signed({ key: 'Main RSA', url: `${HOST}/x.pdf`, expiresAt: NOW + 60 })
    const tampered = url.replace(/Signature=(.)/, (_, c: string) => `Signature=${c === 'A' ? 'B' : 'A'}`)
    const report = await links.inspect({ input: tampered })
    expect(report.cause).toBe('signature-mismatch')
    expect(report.notes.join(' ')).toMatch(/Signature part itself was changed/)
  })

  it('a resource that does not match: a wildcard policy opened for another path', async () => {
    const { links, link } = await signed({
      key: 'Main RSA',
      url: `${HOST}/videos/a.mp4`,
      resource: `${HOST}/videos/*`,
      expiresAt: NOW + 60,
    })
    const other = (link.signedUrl ?? '').replace('/videos/a.mp4', '/private/b.mp4')
    const report = await links.inspect({ input: other })
    expect(report).toMatchObject({
      cause: 'resource-mismatch',
      signature: 'verified',
      resource: `${HOST}/videos/*`,
      cloudFrontCode: 'AccessDenied',
    })
    expect(report.verdict).toMatch(
      /allows https:\/\/d111111abcdef8\.cloudfront\.net\/videos\/\*, which does not cover this URL/,
    )
  })

  it('a resource that does not match: a custom-policy URL edited after signing, shown against the history', async () => {
    const { links, url } = await signed({
      key: 'Main RSA',
      url: `${HOST}/a.pdf`,
      expiresAt: NOW + 60,
      startsAt: NOW - 60,
      label: 'Ana',
    })
    const report = await links.inspect({ input: url.replace('/a.pdf', '/b.pdf') })
    expect(report.cause).toBe('resource-mismatch')
    expect(report.difference).toMatchObject({
      signedPart: 'a',
      currentPart: 'b',
      source: 'history',
      historyLabel: 'Ana',
    })
  })

  it('a malformed policy (not JSON)', async () => {
    const { links, url } = await signed({
      key: 'Main RSA',
      url: `${HOST}/x.pdf`,
      expiresAt: NOW + 60,
      startsAt: NOW - 1,
    })
    const report = await links.inspect({ input: url.replace(/Policy=[^&]+/, 'Policy=bm90IGpzb24_') })
    expect(report).toMatchObject({ cause: 'malformed-policy', cloudFrontCode: 'MalformedPolicy' })
    expect(report.verdict).toMatch(/does not decode to JSON/)
  })

  it('a malformed policy (a canned Expires that is not a number)', async () => {
    const { links, url } = await signed({ key: 'Main RSA', url: `${HOST}/x.pdf`, expiresAt: NOW + 60 })
    const report = await links.inspect({ input: url.replace(/Expires=\d+/, 'Expires=tomorrow') })
    expect(report).toMatchObject({ cause: 'malformed-policy', cloudFrontCode: 'MalformedPolicy' })
  })

  it('a malformed signature (characters outside CloudFront’s base64)', async () => {
    const { links, url } = await signed({ key: 'Main RSA', url: `${HOST}/x.pdf`, expiresAt: NOW + 60 })
    const report = await links.inspect({ input: url.replace('Signature=', 'Signature=%2B/') })
    expect(report).toMatchObject({ cause: 'malformed-signature', cloudFrontCode: 'MalformedSignature' })
  })

  it('a missing Key-Pair-Id', async () => {
    const { links, url } = await signed({ key: 'Main RSA', url: `${HOST}/x.pdf`, expiresAt: NOW + 60 })
    const report = await links.inspect({ input: url.replace(/&Key-Pair-Id=[^&]+/, '') })
    expect(report).toMatchObject({ cause: 'missing-key-pair-id', cloudFrontCode: 'MissingKey' })
  })

  it('a missing Signature (link cut short)', async () => {
    const { links, url } = await signed({ key: 'Main RSA', url: `${HOST}/x.pdf`, expiresAt: NOW + 60 })
    const report = await links.inspect({ input: url.slice(0, url.indexOf('&Signature=')) })
    expect(report.cause).toBe('missing-signature')
  })

  it('refuses text that is neither a signed URL nor signed cookies', async () => {
    const { links } = makeService()
    const error = await links.inspect({ input: 'hello there' }).catch((e: unknown) => e)
    expect((error as KeyfrontError).code).toBe('SIGNED_URL_UNREADABLE')
  })
})

describe('inspecting cookies and checking with a given key', () => {
  it('reads Set-Cookie lines with the URL they are sent with', async () => {
    const { links, link } = await signed({
      key: 'Main RSA',
      url: `${HOST}/videos/a.mp4`,
      resource: `${HOST}/videos/*`,
      expiresAt: NOW + 60,
      cookies: true,
    })
    const lines = (link.cookies ?? []).map((c) => `Set-Cookie: ${c.setCookie}`).join('\n')
    const ok = await links.inspect({ input: lines, url: `${HOST}/videos/b.mp4` })
    expect(ok).toMatchObject({ kind: 'cookies', cause: 'valid', resource: `${HOST}/videos/*` })
    const header = `Cookie: ${(link.cookies ?? []).map((c) => `${c.name}=${c.value}`).join('; ')}`
    const elsewhere = await links.inspect({ input: header, url: `${HOST}/other/c.mp4` })
    expect(elsewhere.cause).toBe('resource-mismatch')
  })

  it('asks for the URL of canned cookies', async () => {
    const { links, link } = await signed({
      key: 'Main RSA',
      url: `${HOST}/a.mp4`,
      expiresAt: NOW + 60,
      cookies: true,
    })
    const text = (link.cookies ?? []).map((c) => `${c.name}=${c.value}`).join('; ')
    const error = await links.inspect({ input: text }).catch((e: unknown) => e)
    expect((error as KeyfrontError).message).toMatch(/Give the URL they are sent with/)
    await expect(links.inspect({ input: text, url: `${HOST}/a.mp4` })).resolves.toMatchObject({
      cause: 'valid',
    })
  })

  it('checks with a given public key, and says when a chosen held key has another Key-Pair-Id', async () => {
    const { links, url } = await signed({ key: 'Main RSA', url: `${HOST}/x.pdf`, expiresAt: NOW + 60 })
    await expect(links.inspect({ input: url, publicKey: RSA_KEY.publicKey })).resolves.toMatchObject({
      cause: 'valid',
      signature: 'verified',
    })
    await expect(links.inspect({ input: url, publicKey: EC_KEY.publicKey })).resolves.toMatchObject({
      cause: 'signature-mismatch',
    })
    const withOther = await links.inspect({ input: url, key: 'Phone ECDSA' })
    expect(withOther.cause).toBe('signature-mismatch')
    expect(withOther.notes.join(' ')).toMatch(
      /names Key-Pair-Id K2JCJMDEHXQW5F, but key "Phone ECDSA" has K3ECDSAKEYP256/,
    )
  })
})
