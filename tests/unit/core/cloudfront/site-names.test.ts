// Naming a site on this computer (signed-sites.json): the name is kept, survives a new onboarding
// of the same distribution, and an empty name goes back to the default — the alias, then the
// distribution's comment, then its CloudFront domain. A name that is not one line of plain text,
// or a site that was never set up here, is refused with what to do.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SignedSites } from '../../../../src/core/cloudfront/signed-sites.ts'
import type { SignedSite } from '../../../../src/shared/contract/cloudfront.ts'
import { siteName } from '../../../../src/shared/site-link.ts'

const SITE: SignedSite = {
  distributionId: 'E2QWRUHAPOMQZL',
  domainName: 'd111111abcdef8.cloudfront.net',
  aliases: [],
  comment: 'Client files',
  keyId: 'key-1',
  keyPairId: 'K2JCJMDEHXQW5F',
  keyGroupId: 'group-1',
  keyGroupName: 'keyfront-E2QWRUHAPOMQZL',
  restrictedPaths: ['*'],
  accountId: '123456789012',
  onboardedAt: 1,
}

let dataDir: string
let sites: SignedSites

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'keyfront-site-names-'))
  sites = new SignedSites(dataDir)
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

describe('site names', () => {
  it('are the alias, else the comment, else the domain, until the user names the site', () => {
    expect(siteName({ ...SITE, aliases: ['files.example.com'] })).toBe('files.example.com')
    expect(siteName(SITE)).toBe('Client files')
    expect(siteName({ ...SITE, comment: undefined })).toBe('d111111abcdef8.cloudfront.net')
    expect(siteName({ ...SITE, aliases: ['files.example.com'], name: 'Invoices' })).toBe('Invoices')
  })

  it('are saved trimmed, kept when the site is onboarded again, and cleared by an empty name', async () => {
    await sites.remember(SITE)
    await expect(sites.rename(SITE.distributionId, '  Invoices  ')).resolves.toMatchObject({
      name: 'Invoices',
    })
    await sites.remember({ ...SITE, restrictedPaths: ['*', '/media/*'] })
    const [again] = await new SignedSites(dataDir).list()
    expect(again).toMatchObject({ name: 'Invoices', restrictedPaths: ['*', '/media/*'] })

    const cleared = await sites.rename(SITE.distributionId, '')
    expect(cleared).not.toHaveProperty('name')
    expect(siteName(cleared)).toBe('Client files')
  })

  it('refuses a name on several lines or too long, and a site not set up here', async () => {
    await sites.remember(SITE)
    await expect(sites.rename(SITE.distributionId, 'Two\nlines')).rejects.toMatchObject({
      code: 'SITE_NAME_INVALID',
      message: expect.stringContaining('control character') as string,
    })
    await expect(sites.rename(SITE.distributionId, 'x'.repeat(81))).rejects.toMatchObject({
      code: 'SITE_NAME_INVALID',
      message: expect.stringContaining('at most 80') as string,
    })
    await expect(sites.rename('E0000000000000', 'Other')).rejects.toMatchObject({ code: 'SITE_NOT_FOUND' })
    const [kept] = await sites.list()
    expect(kept).not.toHaveProperty('name')
  })
})
