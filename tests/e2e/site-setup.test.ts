// A site that was set up on another computer, reached from this one: Distributions' "Add a site"
// (the site picked from the account or found by its typed address, only keys it trusts offered),
// "Share this setup" (passphrase twice → save dialog → an owner-only file), and Keys' "Import
// setup" (open dialog → a wrong passphrase said plainly → the right one adds the key and the site,
// and New link offers it). Keyboard only where the user would type; axe-clean; screenshots.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Keyfront } from '../../src/core/app.ts'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'
import { createTestKeyfront } from '../harness/keyfront.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { createTestDistribution, directClient, memoryKeychain } from '../unit/core/cloudfront/world.ts'

const PASSPHRASE = 'blue harbour 42'

let moto: Moto
let app: E2eApp
/** The computer the sites were set up on: its own data folder and keychain. */
let office: Keyfront
let files: string
let officeDir: string
let sharedId: string
let sharedDomain: string
let untrustedDomain: string
let designId: string

const page = () => app.page
const sites = () => page().getByRole('region', { name: 'Sites on this computer' })
const focused = () => page().evaluate(() => document.activeElement?.textContent ?? '')

async function open(area: string): Promise<void> {
  await page().getByRole('navigation').getByRole('button', { name: area }).click()
  await page().getByRole('heading', { level: 1, name: area }).waitFor()
}

async function expectAccessible(): Promise<void> {
  expect(await app.seriousA11yViolations()).toEqual([])
}

beforeAll(async () => {
  moto = await startMoto()
  Object.assign(process.env, moto.env)
  files = mkdtempSync(join(tmpdir(), 'keyfront-e2e-setup-'))
  officeDir = mkdtempSync(join(tmpdir(), 'keyfront-e2e-office-'))
  office = createTestKeyfront({ dataDir: officeDir, keychain: memoryKeychain() })
  const client = directClient(moto.endpoint)
  sharedId = await createTestDistribution(client, 'Board papers')
  await createTestDistribution(client, 'Public downloads')
  designId = await createTestDistribution(client, 'Design reviews')
  await office.keys.create({ name: 'Office key', type: 'rsa' })
  await office.cloudfront.onboard({ distributionId: sharedId, key: 'Office key', behaviors: ['/private/*'] })
  await office.keys.create({ name: 'Design key', type: 'ecdsa' })
  await office.cloudfront.onboard({ distributionId: designId, key: 'Design key' })
  await office.keys.exportPrivateKey('Office key', PASSPHRASE, join(files, 'office.pem'), { replace: false })
  await office.setup.export(designId, PASSPHRASE, join(files, 'design.keyfront-setup'), { replace: false })
  const distributions = await office.cloudfront.distributions()
  sharedDomain = distributions.find((d) => d.id === sharedId)?.domainName ?? ''
  untrustedDomain = distributions.find((d) => d.comment === 'Public downloads')?.domainName ?? ''

  app = await launchApp({ env: moto.env })
  // This computer holds the office key (imported by hand, without its Key-Pair-Id) and another one.
  await app.keyfront.keys.create({ name: 'Unrelated key', type: 'rsa' })
  await app.keyfront.keys.import({
    name: 'Reports key',
    pem: readFileSync(join(files, 'office.pem'), 'utf8'),
    passphrase: PASSPHRASE,
  })
})
afterAll(async () => {
  if (app) {
    for (const key of await app.keyfront.keys.list()) await app.keyfront.keys.delete(key.id)
    await app.close()
  }
  office?.close()
  await closeBrowser()
  await moto.stop()
  rmSync(files, { recursive: true, force: true })
  rmSync(officeDir, { recursive: true, force: true })
})

describe('Add a site', () => {
  it('a typed address of a site none of my keys opens says so in one plain line', async () => {
    await open('Distributions')
    await sites().getByText('No site is remembered on this computer.').waitFor()
    await sites().getByRole('button', { name: 'Add a site…' }).focus()
    await page().keyboard.press('Enter')
    const form = page().getByRole('form', { name: 'Add a site' })
    // The form opens with the site's choice focused, for the keyboard.
    await expect(form.getByLabel('Site').evaluate((e) => e === document.activeElement)).resolves.toBe(true)
    await form.getByLabel('Site').selectOption({ label: 'Another site: type its address…' })
    await form.getByLabel('Its address').fill(`https://${untrustedDomain}/files/`)
    await form.getByLabel('Its address').press('Enter')
    await form.getByText('None of your keys opens this site.', { exact: false }).waitFor()
    await expect(form.getByRole('button', { name: 'Save' }).isDisabled()).resolves.toBe(true)
    expect(await form.innerText()).not.toMatch(/Key-Pair-Id|distribution|policy/i)
    await expectAccessible()
    await app.screenshot('site-setup-add-none')
  })

  it('picked from the account: only the key it trusts is offered, with the paths it guards; Save adds it', async () => {
    const form = page().getByRole('form', { name: 'Add a site' })
    await form.getByLabel('Site').selectOption({ label: `${sharedDomain} — Board papers` })
    const key = form.getByRole('radio', { name: 'Reports key' })
    await key.waitFor()
    await expect(form.getByRole('radio').count()).resolves.toBe(1)
    await expect(key.isChecked()).resolves.toBe(true)
    await expect(form.getByRole('checkbox', { name: '/private/*' }).isChecked()).resolves.toBe(true)
    await expectAccessible()
    await app.screenshot('site-setup-add-form')

    await form.getByRole('button', { name: 'Save' }).focus()
    await page().keyboard.press('Enter')
    await sites().getByRole('status').getByText('Added Board papers. New link offers it now.').waitFor()
    await expect(
      sites()
        .getByRole('heading', { name: 'Sites on this computer' })
        .evaluate((h) => h === document.activeElement),
    ).resolves.toBe(true)
    const [site] = await app.keyfront.cloudfront.sites()
    const officeSite = (await office.cloudfront.sites()).find((s) => s.distributionId === sharedId)
    expect(site).toMatchObject({
      distributionId: sharedId,
      keyPairId: officeSite?.keyPairId,
      restrictedPaths: ['/private/*'],
    })
    expect((await app.keyfront.keys.find('Reports key')).keyPairId).toBe(officeSite?.keyPairId)
    await expectAccessible()
    await app.screenshot('site-setup-added')
  })
})

describe('Share this setup', () => {
  it('asks for the passphrase twice, then where to save; the file is readable by its owner only', async () => {
    const saveTo = join(files, 'board.keyfront-setup')
    await sites()
      .getByRole('button', { name: `Share this setup (${sharedDomain})…` })
      .focus()
    await page().keyboard.press('Enter')
    const form = page().getByRole('form', { name: `Share the setup of ${sharedDomain}` })
    await page().keyboard.type(PASSPHRASE)
    await page().keyboard.press('Tab')
    await page().keyboard.type('not the same')
    await page().keyboard.press('Enter')
    await form.getByRole('alert').getByText('The two passphrases differ.', { exact: false }).waitFor()
    expect(app.ports.saveDialogs).toEqual([])
    await form.getByLabel('Passphrase again').fill(PASSPHRASE)
    await expectAccessible()
    await app.screenshot('site-setup-share')
    app.ports.nextSavePaths.push(saveTo)
    await page().keyboard.press('Enter')
    await sites()
      .getByRole('status')
      .getByText(`Saved the setup of ${sharedDomain} to ${saveTo}.`, { exact: false })
      .waitFor()
    expect(app.ports.saveDialogs.at(-1)).toMatchObject({ defaultName: 'Board-papers.keyfront-setup' })
    expect(statSync(saveTo).mode & 0o777).toBe(0o600)
    const text = readFileSync(saveTo, 'utf8')
    expect(text).not.toContain('PRIVATE KEY')
    expect(text).not.toContain(PASSPHRASE)
    expect(JSON.parse(text)).toMatchObject({
      readable: { site: 'Board papers', address: sharedDomain },
      sealed: { kdf: 'scrypt', cipher: 'aes-256-gcm' },
    })
  })
})

describe('Import setup', () => {
  it('from Keys: a wrong passphrase is said plainly and changes nothing; the right one adds key and site', async () => {
    await open('Keys')
    await page().getByRole('button', { name: 'Import setup…' }).click()
    const form = page().getByRole('form', { name: 'Import a setup from a colleague' })
    await expect(focused()).resolves.toBe('Choose the file…')
    app.ports.nextChosenFiles.push([join(files, 'design.keyfront-setup')])
    await page().keyboard.press('Enter')
    await form.getByText('design.keyfront-setup', { exact: true }).waitFor()
    await page().keyboard.press('Tab')
    await page().keyboard.type('wrong passphrase')
    await page().keyboard.press('Enter')
    await form
      .getByRole('alert')
      .getByText('That passphrase does not open this setup file.', { exact: false })
      .waitFor()
    await form.getByText('Error code: SETUP_PASSPHRASE_WRONG').waitFor()
    expect((await app.keyfront.keys.list()).map((k) => k.name).sort()).toEqual([
      'Reports key',
      'Unrelated key',
    ])
    expect(await app.keyfront.cloudfront.sites()).toHaveLength(1)
    await expectAccessible()
    await app.screenshot('site-setup-import-wrong')

    await form.getByLabel('Passphrase').fill(PASSPHRASE)
    await page().keyboard.press('Enter')
    await page()
      .getByRole('status')
      .getByText(
        'You can make links to Design reviews now. Its key “Design key” is now in your system keychain.',
      )
      .waitFor()
    await page().getByRole('heading', { name: 'Design key' }).waitFor()
    const design = (await app.keyfront.cloudfront.sites()).find((s) => s.distributionId === designId)
    expect(design?.keyPairId).toBe((await office.keys.find('Design key')).keyPairId)
    await expectAccessible()
    await app.screenshot('site-setup-imported')

    await open('New link')
    await expect
      .poll(() =>
        page().getByRole('tabpanel').getByLabel('Where is the file?').locator('option').allInnerTexts(),
      )
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('Design reviews'),
          expect.stringContaining('Board papers'),
        ]),
      )
  })
})
