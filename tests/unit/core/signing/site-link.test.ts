// A typed path on a site (New link's "Where is the file?", `keyfront sign --site`): the URL it
// builds is signed exactly as the same address pasted whole would be (spaces, accents, leading
// slash), a whole URL or an empty path is refused with what to type, and the link records the
// site's distribution in the history.
import { describe, expect, it } from 'vitest'
import { prepareUrl } from '../../../../src/core/signing/url.ts'
import type { KeyfrontError } from '../../../../src/shared/errors.ts'
import { findSite, siteAddresses, siteLink } from '../../../../src/shared/site-link.ts'
import { NOW, makeService } from './fixtures.ts'

const HOST = 'd111111abcdef8.cloudfront.net'
const site = {
  distributionId: 'E2QWRUHAPOMQZL',
  domainName: HOST,
  aliases: ['Files.Example.com'],
}

describe('building a URL from a site and a path', () => {
  it.each([
    ['reports/q3.pdf', `https://${HOST}/reports/q3.pdf`],
    ['/reports/q3.pdf', `https://${HOST}/reports/q3.pdf`],
    ['  //reports/q3.pdf  ', `https://${HOST}/reports/q3.pdf`],
    ['reports/Q3 report.pdf', `https://${HOST}/reports/Q3%20report.pdf`],
    [
      'Informes/año 2026/résumé ü.pdf',
      `https://${HOST}/Informes/a%C3%B1o%202026/r%C3%A9sum%C3%A9%20%C3%BC.pdf`,
    ],
    ['docs/a+b=c;d@e&f.pdf', `https://${HOST}/docs/a%2Bb%3Dc%3Bd%40e%26f.pdf`],
  ])('%j is signed as %s — the same as the whole address pasted', (path, resource) => {
    expect(prepareUrl(siteLink(HOST, path)).resource).toBe(resource)
    expect(prepareUrl(`https://${HOST}/${path.trim().replace(/^\/+/, '')}`).resource).toBe(resource)
  })

  it('refuses a whole URL typed as a path, and an empty path, saying what to type', () => {
    expect(() => siteLink(HOST, 'https://other.example/x.pdf')).toThrow(/not a path/)
    expect(() => siteLink(HOST, '  / ')).toThrow(/reports\/q3\.pdf/)
    try {
      siteLink(HOST, '')
    } catch (error) {
      expect((error as KeyfrontError).code).toBe('URL_INVALID')
    }
  })

  it('lists a site’s own names before CloudFront’s domain, and finds it by any of them or its id', () => {
    expect(siteAddresses(site)).toEqual(['Files.Example.com', HOST])
    expect(findSite([site], 'files.example.COM')).toBe(site)
    expect(findSite([site], ` ${HOST} `)).toBe(site)
    expect(findSite([site], 'E2QWRUHAPOMQZL')).toBe(site)
    expect(findSite([site], 'e2qwruhapomqzl')).toBeUndefined()
    expect(findSite([site], 'elsewhere.example')).toBeUndefined()
  })
})

describe('a link signed for a site', () => {
  it('records the site’s distribution and is byte for byte the link of the pasted address', async () => {
    const { links, history } = makeService()
    const viaSite = await links.sign({
      key: 'Main RSA',
      url: siteLink(HOST, '/reports/Q3 report.pdf'),
      distributionId: site.distributionId,
      expiresAt: NOW + 3600,
    })
    const pasted = await links.sign({
      key: 'Main RSA',
      url: `https://${HOST}/reports/Q3 report.pdf`,
      expiresAt: NOW + 3600,
    })
    expect(viaSite.signedUrl).toBe(pasted.signedUrl)
    expect(history.entries.map((entry) => entry.distributionId)).toEqual(['E2QWRUHAPOMQZL', undefined])
    expect(history.entries[1]).not.toHaveProperty('distributionId')
  })
})
