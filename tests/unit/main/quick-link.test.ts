// What the quick link signs from the clipboard's text (a pure decision, core/quick-link.ts): a path
// goes on the default site (or the only one), an address on a site set up here uses that site's
// key, an unknown CloudFront address the one key that can sign — and anything else is refused
// with a message saying so, before anything is signed.
import { describe, expect, it } from 'vitest'
import { quickLinkTarget, type QuickLinkContext } from '../../../src/core/quick-link.ts'
import type { SignedSite } from '../../../src/shared/contract/cloudfront.ts'
import type { KeySummary } from '../../../src/shared/contract/keys.ts'

function site(distributionId: string, domainName: string, aliases: string[], keyId: string): SignedSite {
  return {
    distributionId,
    domainName,
    aliases,
    keyId,
    keyPairId: 'K2JCJMDEHXQW5F',
    keyGroupId: 'kg',
    keyGroupName: 'keyfront',
    restrictedPaths: ['*'],
    accountId: '123456789012',
    onboardedAt: 0,
  }
}
const FILES = site('E1FILES', 'd111111abcdef8.cloudfront.net', ['files.example.com'], 'key-files')
const MEDIA = site('E2MEDIA', 'd222222abcdef8.cloudfront.net', [], 'key-media')
const key = (id: string, keyPairId?: string): KeySummary => ({
  id,
  name: id,
  type: 'rsa',
  fingerprint: 'AA',
  createdAt: 0,
  uploads: [],
  custody: 'keychain',
  ...(keyPairId && { keyPairId }),
})
const context = (extra: Partial<QuickLinkContext> = {}): QuickLinkContext => ({
  sites: [FILES, MEDIA],
  keys: [key('key-files', 'K1'), key('key-media', 'K2')],
  defaultSite: 'E1FILES',
  ...extra,
})

function refusal(text: string, given = context()): { code: string; message: string } {
  try {
    quickLinkTarget(text, given)
  } catch (error) {
    return error as { code: string; message: string }
  }
  throw new Error(`${text} was not refused`)
}

describe('what the quick link signs', () => {
  it('signs a path on the default site, by its own name, with its key', () => {
    expect(quickLinkTarget('  reports/Q3 report.pdf\n', context())).toEqual({
      url: 'https://files.example.com/reports/Q3 report.pdf',
      key: 'key-files',
      distributionId: 'E1FILES',
      where: 'files.example.com/reports/Q3 report.pdf',
    })
    expect(quickLinkTarget('/videos/launch.mp4', context({ defaultSite: 'E2MEDIA' }))).toMatchObject({
      url: 'https://d222222abcdef8.cloudfront.net/videos/launch.mp4',
      key: 'key-media',
    })
    expect(quickLinkTarget('q3.pdf', context()).url).toBe('https://files.example.com/q3.pdf')
  })

  it('uses the only site when no default is chosen, and says to choose one when there are several', () => {
    expect(
      quickLinkTarget('a/b.pdf', context({ sites: [MEDIA], defaultSite: undefined })).distributionId,
    ).toBe('E2MEDIA')
    const several = refusal('a/b.pdf', context({ defaultSite: undefined }))
    expect(several.code).toBe('SITE_NOT_FOUND')
    expect(several.message).toMatch(/Choose a default site in Settings.*Nothing was signed/)
    expect(refusal('a/b.pdf', context({ sites: [], defaultSite: undefined })).message).toMatch(
      /no site is set up/,
    )
  })

  it('signs an address on a site set up here with that site’s key, with or without https://', () => {
    expect(quickLinkTarget('https://d222222abcdef8.cloudfront.net/a%20b.pdf', context())).toEqual({
      url: 'https://d222222abcdef8.cloudfront.net/a%20b.pdf',
      key: 'key-media',
      distributionId: 'E2MEDIA',
      where: 'd222222abcdef8.cloudfront.net/a b.pdf',
    })
    expect(quickLinkTarget('FILES.example.com/x.pdf', context())).toMatchObject({
      url: 'https://FILES.example.com/x.pdf',
      distributionId: 'E1FILES',
    })
  })

  it('signs another CloudFront address only when one key can sign, and never guesses between keys', () => {
    const only = context({ keys: [key('lonely', 'K9'), key('no-id')] })
    expect(quickLinkTarget('https://d333333abcdef8.cloudfront.net/x.pdf', only)).toEqual({
      url: 'https://d333333abcdef8.cloudfront.net/x.pdf',
      key: 'lonely',
      where: 'd333333abcdef8.cloudfront.net/x.pdf',
    })
    expect(quickLinkTarget('d333333abcdef8.cloudfront.net/x.pdf', only).key).toBe('lonely')
    const unknown = refusal('https://d333333abcdef8.cloudfront.net/x.pdf')
    expect(unknown.code).toBe('SITE_NOT_FOUND')
    expect(unknown.message).toMatch(/cannot tell which key.*New link/)
  })

  it.each([
    ['', /clipboard is empty/],
    ['   ', /clipboard is empty/],
    ['hello there', /does not hold a path or a web address/],
    ['ana@example.com', /does not hold a path or a web address/],
    ['line one/a\nline two/b', /more than one line/],
    ['https://www.example.com/page', /www\.example\.com is not a CloudFront site set up on this computer/],
    ['mailto:ana@example.com', /a mailto: address, not a web page/],
    ['C:\\Users\\ana\\q3.pdf', /a file on this computer/],
    ['file:///home/ana/q3.pdf', /a file on this computer/],
    ['https://', /not a complete web address/],
  ])('refuses %j, saying why and that nothing was signed', (text, why) => {
    const error = refusal(text)
    expect(error.code).toBe('CLIPBOARD_NOT_A_LINK')
    expect(error.message).toMatch(why)
    expect(error.message).toMatch(/Quick link signs a path on your site .* Nothing was signed\.$/)
  })
})
