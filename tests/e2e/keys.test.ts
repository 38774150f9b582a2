// The Keys screen in Chromium over the real core and gnome-keyring: from the empty state, create
// a key and import one (pasted, encrypted — the passphrase field appears — and from a file), see
// them listed with their status, copy a public key, set a Key-Pair-Id, export, delete with the
// upload warning, and import a key with its Key-Pair-Id in one step, then sign with it in New link.
// axe-clean at each step; screenshots in test-results/.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'
import {
  PASSPHRASE,
  containsPrivateMaterial,
  keyFromFile,
  makeKeyFixtures,
  opensslFingerprint,
  type KeyFixtures,
} from '../harness/key-fixtures.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'

let app: E2eApp
let fixtures: KeyFixtures
const outDir = mkdtempSync(join(tmpdir(), 'keyfront-e2e-keys-'))

async function expectAccessible(): Promise<void> {
  expect(await app.seriousA11yViolations()).toEqual([])
}

beforeAll(async () => {
  fixtures = makeKeyFixtures()
  app = await launchApp()
  await app.page.getByRole('navigation').getByRole('button', { name: 'Keys' }).click()
})

afterAll(async () => {
  if (app) {
    for (const key of await app.keyfront.keys.list()) await app.keyfront.keys.delete(key.id)
    await app.close()
  }
  await closeBrowser()
  rmSync(outDir, { recursive: true, force: true })
  rmSync(fixtures.dir, { recursive: true, force: true })
})

describe('Keys screen', () => {
  it('explains what a signing key is for when there is none', async () => {
    const page = app.page
    await page.getByRole('heading', { name: 'No signing keys yet' }).waitFor()
    await page.getByText('A signing key lets Keyfront make links to your private files').waitFor()
    await page.getByText('CloudFront checks each link against the public half of the key').waitFor()
    await expectAccessible()
    await app.screenshot('keys-empty')
  })

  it('creates an ECDSA P-256 key: the type choice is explained, the key lands in the keychain', async () => {
    const page = app.page
    await page.getByRole('button', { name: 'New key' }).click()
    await page.getByText('Works everywhere').waitFor()
    await page.getByText('Makes shorter links').waitFor()
    await page.getByLabel('Name').fill('Production downloads')
    await page.getByRole('radio', { name: /ECDSA P-256/ }).check()
    await expectAccessible()
    await app.screenshot('keys-new')
    await page.getByRole('button', { name: 'Create key' }).click()
    await page.getByRole('heading', { name: 'Production downloads', level: 2 }).waitFor()
    await page.getByText('Created “Production downloads”').waitFor()
    const [key] = await app.keyfront.keys.list()
    expect(key).toMatchObject({ name: 'Production downloads', type: 'ecdsa' })
    expect(keychainAccounts(app.keychainService)).toContain(key?.id)
    await page.getByText(key?.fingerprint ?? '-', { exact: true }).waitFor()
    await expectAccessible()
    await app.screenshot('keys-detail')
  })

  it('copies the public key (SPKI PEM) to the clipboard', async () => {
    const page = app.page
    await page.getByRole('button', { name: 'Copy public key' }).click()
    await page.getByText('Public key copied').waitFor()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(await app.keyfront.keys.publicKeyPem('Production downloads'))
  })

  it('imports a pasted encrypted key: asks for its passphrase, then lists it', async () => {
    const page = app.page
    await page.getByRole('button', { name: '← All keys' }).click()
    await page.getByRole('button', { name: 'Import a key' }).click()
    await page.getByRole('radio', { name: 'I will paste it' }).check()
    await page.getByLabel('Private key').fill(fixtures.text('rsa-pkcs8-encrypted'))
    await page.getByLabel('Name').fill('Legacy team key')
    await page.getByRole('button', { name: 'Import key' }).click()
    const passphrase = page.getByLabel('Passphrase of the key')
    await passphrase.waitFor()
    await page.getByText('This key is protected by a passphrase. Enter it above').waitFor()
    expect(await passphrase.evaluate((el) => el === document.activeElement)).toBe(true)
    await expectAccessible()
    await app.screenshot('keys-import-passphrase')
    await passphrase.fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Import key' }).click()
    await page.getByRole('heading', { name: 'Legacy team key', level: 2 }).waitFor()
    const imported = await app.keyfront.keys.find('Legacy team key')
    expect(imported.fingerprint).toBe(opensslFingerprint(fixtures.path('rsa-pkcs8-encrypted'), PASSPHRASE))
    const pastedKey = keyFromFile(fixtures.path('rsa-pkcs8-encrypted'), PASSPHRASE)
    expect(containsPrivateMaterial(await page.content(), pastedKey)).toBe(false)
  })

  it('imports from a file picker, and refuses a file over 64 KiB before sending it', async () => {
    const page = app.page
    await page.getByRole('button', { name: '← All keys' }).click()
    await page.getByRole('button', { name: 'Import a key' }).click()
    const big = join(outDir, 'huge.pem')
    writeFileSync(big, fixtures.text('ec-pkcs8') + '#'.repeat(70 * 1024))
    await page.getByLabel('Key file').setInputFiles(big)
    await page.getByText('larger than 64 KiB').waitFor()
    expect(await page.getByRole('button', { name: 'Import key' }).isDisabled()).toBe(true)
    await page.getByLabel('Key file').setInputFiles(fixtures.path('rsa-pkcs1'))
    await expect.poll(() => page.getByLabel('Name').inputValue()).toBe('rsa-pkcs1')
    await page.getByLabel('Name').fill('From a file')
    await page.getByRole('button', { name: 'Import key' }).click()
    await page.getByRole('heading', { name: 'From a file', level: 2 }).waitFor()
  })

  it('lists the keys with name, type, fingerprint, created and uploaded-to', async () => {
    const page = app.page
    await page.getByRole('button', { name: '← All keys' }).click()
    const rows = page.getByRole('table', { name: 'Signing keys' }).getByRole('row')
    await expect(rows.count()).resolves.toBe(4)
    const texts = await rows.allInnerTexts()
    expect(texts[0]).toMatch(/Name\s+Status\s+Type\s+Fingerprint\s+Created\s+Uploaded to CloudFront as/)
    expect(texts[1]).toMatch(
      /Production downloads\s+Not uploaded\s+ECDSA P-256\s+([0-9A-F]{2}:){7}[0-9A-F]{2}…\s+.+/,
    )
    // The status says it once; the uploads column does not repeat it.
    expect(texts[1]).not.toMatch(/Not uploaded.*Not uploaded/s)
    expect(texts[2]).toMatch(/Legacy team key\s+Not uploaded\s+RSA 2048/)
    expect(texts[3]).toMatch(/From a file\s+Not uploaded\s+RSA 2048/)
    await expectAccessible()
    await app.screenshot('keys-list')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectAccessible()
    await app.screenshot('keys-list-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('sets a Key-Pair-Id by hand (validated) and shows it as uploaded', async () => {
    const page = app.page
    await page.getByRole('button', { name: 'Legacy team key' }).click()
    await page.getByRole('button', { name: 'Set Key-Pair-Id' }).click()
    await page.getByRole('textbox', { name: 'Key-Pair-Id' }).fill('k123')
    await page.getByRole('button', { name: 'Save Key-Pair-Id' }).click()
    await page.getByText('A Key-Pair-Id is "K" followed by 13 capital letters or digits').waitFor()
    await page.getByRole('textbox', { name: 'Key-Pair-Id' }).fill('K2JCJMDEHXQW5F')
    await page.getByRole('button', { name: 'Save Key-Pair-Id' }).click()
    await page.getByText('Links will be signed with Key-Pair-Id K2JCJMDEHXQW5F.').waitFor()
    expect((await app.keyfront.keys.find('Legacy team key')).keyPairId).toBe('K2JCJMDEHXQW5F')
  })

  it('exports the private key, encrypted, to the path chosen in the save dialog', async () => {
    const page = app.page
    const out = join(outDir, 'legacy.pem')
    app.ports.nextSavePaths.push(out)
    await page.getByRole('button', { name: 'Export private key…' }).click()
    await page.getByLabel('Passphrase (at least 8 characters)').fill('a long export passphrase')
    await page.getByLabel('Passphrase again').fill('a long export passphrase')
    await expectAccessible()
    await page.getByRole('button', { name: 'Choose where to save…' }).click()
    await page.getByText(`Private key saved, encrypted, to ${out}.`).waitFor()
    expect(app.ports.saveDialogs.at(-1)).toMatchObject({ defaultName: 'Legacy-team-key.private.pem' })
    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(readFileSync(out, 'utf8')).toMatch(/^-{5}BEGIN ENCRYPTED PRIVATE KEY-{5}/)
    expect(opensslFingerprint(out, 'a long export passphrase')).toBe(
      (await app.keyfront.keys.find('Legacy team key')).fingerprint,
    )
  })

  it('deletes after a confirmation that warns the key was uploaded', async () => {
    const page = app.page
    const id = (await app.keyfront.keys.find('Legacy team key')).id
    await page.getByRole('button', { name: 'Delete…' }).click()
    await page.getByText('This key was uploaded to CloudFront as K2JCJMDEHXQW5F').waitFor()
    await expectAccessible()
    await app.screenshot('keys-delete-confirm')
    await page.getByRole('button', { name: 'Delete key' }).click()
    await page.getByText('Deleted “Legacy team key”. Its public key is still in CloudFront').waitFor()
    await page.getByRole('button', { name: 'Legacy team key' }).waitFor({ state: 'detached' })
    await expect(page.getByRole('table', { name: 'Signing keys' }).getByRole('row').count()).resolves.toBe(3)
    expect(keychainAccounts(app.keychainService)).not.toContain(id)
    await expectAccessible()
  })

  it('imports a key with its Key-Pair-Id in one step, ready to sign in New link', async () => {
    const page = app.page
    await page.getByRole('button', { name: 'Import a key' }).click()
    await page.getByLabel('Key file').setInputFiles(fixtures.path('ec-sec1'))
    await page.getByLabel('Name').fill('Given key')
    const keyPairId = page.getByRole('textbox', { name: 'Key-Pair-Id (if you have it)' })
    await page.getByText('CloudFront shows it as the ID of the public key, e.g. K2JCJMDEHXQW5F').waitFor()
    await keyPairId.fill('k3given')
    await page.getByText('A Key-Pair-Id is "K" followed by 13 capital letters or digits').waitFor()
    expect(await keyPairId.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByRole('button', { name: 'Import key' }).isDisabled()).toBe(true)
    await keyPairId.fill('k3givenkeyid00')
    await expect.poll(() => keyPairId.inputValue()).toBe('K3GIVENKEYID00')
    await expectAccessible()
    await app.screenshot('keys-import-with-id')
    await page.getByRole('button', { name: 'Import key' }).click()
    await page.getByRole('heading', { name: 'Given key', level: 2 }).waitFor()
    // Read the record once the screen's write has landed (the heading can paint first).
    await expect.poll(() => app.keyfront.keys.find('Given key').catch(() => undefined)).toBeDefined()
    expect(await app.keyfront.keys.find('Given key')).toMatchObject({
      keyPairId: 'K3GIVENKEYID00',
      fingerprint: opensslFingerprint(fixtures.path('ec-sec1')),
    })
    await page.getByRole('button', { name: '← All keys' }).click()
    const row = page.getByRole('table', { name: 'Signing keys' }).getByRole('row', { name: /Given key/ })
    await expect(row.innerText()).resolves.toMatch(/Given key\s+In use\s+ECDSA P-256.*K3GIVENKEYID00/s)

    await page.getByRole('navigation').getByRole('button', { name: 'New link' }).click()
    const keySelect = page.getByRole('tabpanel').getByLabel('Signing key')
    await keySelect.selectOption({ label: 'Given key' })
    await page.getByLabel('Link to the file').fill('https://d111111abcdef8.cloudfront.net/given.pdf')
    await page.getByRole('button', { name: 'Make link' }).click()
    await expect
      .poll(() => page.getByLabel('Signed link').inputValue())
      .toMatch(/&Key-Pair-Id=K3GIVENKEYID00&Signature=/)
    await expectAccessible()
    await app.screenshot('keys-import-with-id-signed')
  })
})
