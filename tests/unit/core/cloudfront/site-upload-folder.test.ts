// A site's upload folder on this computer (signed-sites.json): written as a folder ("/reports/2026"
// is kept as "reports/2026/"), kept when the site is onboarded again, cleared by an empty folder;
// a folder S3 cannot store, or a site never set up here, is refused with what to do.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { SignedSites } from '../../../../src/core/cloudfront/signed-sites.ts'
import type { SignedSite } from '../../../../src/shared/contract/cloudfront.ts'

const SITE: SignedSite = {
  distributionId: 'E2QWRUHAPOMQZL',
  domainName: 'd111111abcdef8.cloudfront.net',
  aliases: [],
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
  dataDir = mkdtempSync(join(tmpdir(), 'keyfront-upload-folder-'))
  sites = new SignedSites(dataDir)
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

it('is kept as a folder, survives a new onboarding with the name, and an empty one clears it', async () => {
  await sites.remember(SITE)
  await sites.rename(SITE.distributionId, 'Invoices')
  await expect(sites.setUploadFolder(SITE.distributionId, ' /reports/2026 ')).resolves.toMatchObject({
    uploadFolder: 'reports/2026/',
  })
  await sites.remember({ ...SITE, restrictedPaths: ['/media/*'] })
  const [again] = await new SignedSites(dataDir).list()
  expect(again).toMatchObject({
    name: 'Invoices',
    uploadFolder: 'reports/2026/',
    restrictedPaths: ['/media/*'],
  })

  const cleared = await sites.setUploadFolder(SITE.distributionId, '/')
  expect(cleared).not.toHaveProperty('uploadFolder')
  expect((await sites.list())[0]).not.toHaveProperty('uploadFolder')
})

it('refuses a folder S3 cannot store and a site not set up here', async () => {
  await sites.remember(SITE)
  await expect(sites.setUploadFolder(SITE.distributionId, 'bad\u0007folder')).rejects.toMatchObject({
    code: 'OBJECT_KEY_INVALID',
  })
  await expect(sites.setUploadFolder('E000000000000', 'reports')).rejects.toMatchObject({
    code: 'SITE_NOT_FOUND',
  })
  expect((await sites.list())[0]).not.toHaveProperty('uploadFolder')
})
