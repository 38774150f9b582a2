// Team keys kept by AWS KMS in the Keys screen, in Chromium over the real core and gnome-keyring,
// with moto_server as KMS and CloudFront: create one ("Kept by AWS KMS (for teams)"), upload it,
// see where it is kept and that export is refused with the reason, add a colleague's key by alias,
// make a link with it in New link (SHA-256, verified with the KMS public key), replace it (the new
// key is made in KMS too), schedule its deletion in KMS with consent, and remove it from Keyfront.
// axe-clean at each step; screenshots in test-results/.
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { verify } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'
import { kmsPublicKey, urlParts } from '../unit/core/kms/kms-world.ts'

let app: E2eApp
let moto: Moto
let kms: KMSClient

async function expectAccessible(): Promise<void> {
  expect(await app.seriousA11yViolations()).toEqual([])
}

async function open(area: string): Promise<void> {
  await app.page.getByRole('navigation').getByRole('button', { name: area }).click()
  await app.page.getByRole('heading', { level: 1, name: area }).waitFor()
}

beforeAll(async () => {
  moto = await startMoto()
  kms = new KMSClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  app = await launchApp({ env: moto.env })
  await open('Keys')
})

afterAll(async () => {
  if (app) {
    for (const key of await app.keyfront.keys.list()) await app.keyfront.keys.delete(key.id)
    await app.close()
  }
  await closeBrowser()
  await moto?.stop()
})

describe('Team keys kept by AWS KMS', () => {
  it('creates a key in KMS from "New key": nothing goes to the keychain', async () => {
    const page = app.page
    await page.getByRole('button', { name: 'New key' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Team downloads')
    await page.getByRole('radio', { name: /Kept by AWS KMS \(for teams\)/ }).check()
    await page.getByLabel('AWS region').fill('us-east-1')
    await page.getByRole('radio', { name: /ECDSA P-256/ }).check()
    await expectAccessible()
    await app.screenshot('kms-new-key')
    await page.getByRole('button', { name: 'Create key' }).click()
    await page.getByRole('heading', { name: 'Team downloads', level: 2 }).waitFor()
    await page.getByText('Its private key stays in AWS KMS').waitFor()
    const [key] = await app.keyfront.keys.list()
    expect(key).toMatchObject({ custody: 'kms', type: 'ecdsa' })
    await page.getByText(key?.kms?.arn ?? '-', { exact: true }).waitFor()
    expect(keychainAccounts(app.keychainService)).toEqual([])
    await expectAccessible()
    await app.screenshot('kms-key-detail')
  })

  it('uploads it to CloudFront like any key, and refuses to export it, saying why', async () => {
    const page = app.page
    await page.getByRole('button', { name: 'Upload to CloudFront' }).click()
    await page.getByText('Needs a Key-Pair-Id first').waitFor({ state: 'detached' })
    expect((await app.keyfront.keys.find('Team downloads')).keyPairId).toBeDefined()
    await page.getByRole('button', { name: 'Export private key…' }).click()
    await page.getByText('This key cannot be exported: it is kept by AWS KMS').waitFor()
    await expectAccessible()
    await app.screenshot('kms-export-refused')
  })

  it("adds a colleague's key by its alias", async () => {
    const page = app.page
    const made = await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))
    await kms.send(
      new CreateAliasCommand({ AliasName: 'alias/keyfront/Shop', TargetKeyId: made.KeyMetadata?.KeyId }),
    )
    await page.getByRole('button', { name: '← All keys' }).click()
    await page.getByRole('button', { name: 'Add a KMS key' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Shop team key')
    await page.getByLabel('KMS key (ARN or alias)').fill('alias/keyfront/Shop')
    await page.getByLabel('AWS region').fill('us-east-1')
    await expectAccessible()
    await app.screenshot('kms-add-key')
    await page.getByRole('button', { name: 'Add key' }).click()
    await page.getByRole('heading', { name: 'Shop team key', level: 2 }).waitFor()
    await page.getByText('Added “Shop team key”').waitFor()
    await page.getByText(made.KeyMetadata?.Arn ?? '-', { exact: true }).waitFor()
    await expectAccessible()
  })

  it('makes a link with the KMS key in New link: SHA-256, verified with the KMS public key', async () => {
    const page = app.page
    await open('New link')
    await page.getByLabel('Link to the file').fill('https://d111111abcdef8.cloudfront.net/team/plan.pdf')
    await page.getByRole('tabpanel').getByLabel('Signing key').selectOption({ label: 'Team downloads' })
    await page.getByRole('button', { name: 'Make link' }).click()
    const link = await page.getByLabel('Signed link').inputValue()
    const parts = urlParts(link)
    expect(parts.hashAlgorithm).toBe('SHA256')
    const arn = (await app.keyfront.keys.find('Team downloads')).kms?.arn ?? ''
    expect(verify('sha256', parts.policy, await kmsPublicKey(kms, arn), parts.signature)).toBe(true)
    await expectAccessible()
    await app.screenshot('kms-link')
  })

  it('signs many links with it, through KMS, with the batch summary', async () => {
    const page = app.page
    await page.getByRole('tab', { name: 'Many links' }).click()
    const urls = Array.from({ length: 40 }, (_, i) => `https://d111111abcdef8.cloudfront.net/team/${i}.pdf`)
    await page.getByLabel('URLs, one per line').fill(urls.join('\n'))
    await page.getByRole('tabpanel').getByLabel('Signing key').selectOption({ label: 'Team downloads' })
    await page.getByRole('button', { name: 'Sign 40 links' }).click()
    await page.getByRole('heading', { name: /^Signed 40 links in [\d.]+ s$/ }).waitFor()
    const out = (await page.getByLabel('Signed links, one per line').inputValue()).split('\n')
    expect(out).toHaveLength(40)
    expect(out.every((link) => link.endsWith('&Hash-Algorithm=SHA256'))).toBe(true)
    await expectAccessible()
    await app.screenshot('kms-batch')
  })

  it('replaces it with a new key made in KMS, in its region: the plan and the result say so', async () => {
    const page = app.page
    await open('Keys')
    await page
      .getByRole('button', { name: /Team downloads/ })
      .first()
      .click()
    await page.getByRole('button', { name: 'Replace key…' }).click()
    await page.getByText('it is kept in AWS KMS, us-east-1, like “Team downloads”').waitFor()
    await page.getByLabel('Name of the new key').fill('Team downloads 2026')
    await page.getByText('Make a new key “Team downloads 2026”').waitFor()
    await expectAccessible()
    await app.screenshot('kms-replace-plan')
    await expect.poll(() => page.getByRole('button', { name: 'Continue' }).isEnabled()).toBe(true)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Review and replace' }).waitFor()
    await page.getByRole('button', { name: 'Replace key', exact: true }).click()
    await page
      .getByText('Made “Team downloads 2026” in AWS KMS (us-east-1); its private key stays there.')
      .waitFor()
    const fresh = await app.keyfront.keys.find('Team downloads 2026')
    expect(fresh).toMatchObject({ custody: 'kms', type: 'ecdsa', kms: { region: 'us-east-1' } })
    const meta = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/keyfront/Team-downloads-2026' }))
    expect(meta.KeyMetadata?.Arn).toBe(fresh.kms?.arn)
    expect(keychainAccounts(app.keychainService)).toEqual([])
    await expectAccessible()
    await app.screenshot('kms-replace-done')
  })

  it('schedules deletion in KMS only after consent, and says how to cancel; removing it forgets it here', async () => {
    const page = app.page
    await open('Keys')
    await page
      .getByRole('button', { name: /Team downloads(?! 2026)/ })
      .first()
      .click()
    await page.getByRole('heading', { name: 'Team downloads', level: 2 }).waitFor()
    await page.getByRole('button', { name: 'Schedule deletion in KMS…' }).click()
    await page.getByText('Delete “Team downloads” in AWS KMS?').waitFor()
    await expectAccessible()
    await app.screenshot('kms-schedule-deletion')
    await page.getByRole('button', { name: 'Schedule deletion in KMS', exact: true }).click()
    await page.getByText(/To cancel before then: aws kms cancel-key-deletion/).waitFor()
    const arn = (await app.keyfront.keys.find('Team downloads')).kms?.arn ?? ''
    const state = await kms.send(new DescribeKeyCommand({ KeyId: arn.split('/')[1] }))
    expect(state.KeyMetadata?.KeyState).toBe('PendingDeletion')
    await page.getByRole('button', { name: 'Remove from Keyfront…' }).click()
    await page.getByText('Only this computer forgets it').waitFor()
    await page.getByRole('button', { name: 'Remove from Keyfront', exact: true }).click()
    await page
      .getByText(/^Removed “Team downloads” from Keyfront\. The key is still in AWS KMS \(us-east-1\)/)
      .waitFor()
    expect((await app.keyfront.keys.list()).map((k) => k.name).sort()).toEqual([
      'Shop team key',
      'Team downloads 2026',
    ])
    await expectAccessible()
  })
})
