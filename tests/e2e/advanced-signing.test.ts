// New link's Advanced options in Chromium over the real core (gnome-keyring, history database):
// every resource form — `*`, a host pattern like `*example.com/*`, a URL that holds `*` itself —
// with its one-line warning in the form and main's confirmation for links that open more than one
// site; signed cookies for a site in front of the distribution (cookie domain, Expires); a bad
// pattern and a bad cookie domain refused with their codes; a legacy key pair (APKA… id, RSA 1024)
// imported in Keys and marked as one there, in the key picker, the link and the inspector.
// axe-clean at each step; screenshots (light and dark) in test-results/.
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'

let app: E2eApp
const HOST = 'https://d111111abcdef8.cloudfront.net'
const LEGACY_ID = 'APKAEIBAERJR2EXAMPLE'
const dir = mkdtempSync(join(tmpdir(), 'keyfront-e2e-advanced-'))
const legacyFile = join(dir, 'trusted-signer.pem')

const page = () => app.page
/** The visible tab of New link (both tabs stay mounted; the hidden one keeps its state). */
const tab = () => app.page.getByRole('tabpanel')
const resourceField = () => page().getByLabel('Let it open more files (wildcard)')
const policyOf = (link: string) =>
  Buffer.from(
    (new URL(link).searchParams.get('Policy') ?? '').replace(/[-_~]/g, (c) =>
      c === '-' ? '+' : c === '_' ? '=' : '/',
    ),
    'base64',
  ).toString()

async function expectAccessible(): Promise<void> {
  expect(await app.seriousA11yViolations()).toEqual([])
}

async function open(area: string): Promise<void> {
  await page().getByRole('navigation').getByRole('button', { name: area }).click()
  await page().getByRole('heading', { level: 1, name: area }).waitFor()
}

/** A fresh New link form with Advanced unfolded (it folds again after each link). */
async function newForm(url: string): Promise<void> {
  if (await page().getByRole('button', { name: 'Make another link' }).isVisible()) {
    await page().getByRole('button', { name: 'Make another link' }).click()
  }
  await page().getByLabel('Link to the file').fill(url)
  const advanced = tab().locator('details.link-advanced')
  if ((await advanced.getAttribute('open')) === null) await advanced.locator('summary').click()
}

async function makeLink(button = 'Make link'): Promise<string> {
  await page().getByRole('button', { name: button }).click()
  await page()
    .getByRole('heading', { name: /^Your (link is|signed cookies are) ready/ })
    .waitFor()
  return page()
    .getByLabel(button === 'Make link' ? 'Signed link' : 'Set-Cookie values')
    .inputValue()
}

beforeAll(async () => {
  app = await launchApp()
  await app.keyfront.keys.create({ name: 'Shop key', type: 'rsa' })
  await app.keyfront.keys.setKeyPairId('Shop key', 'K2JCJMDEHXQW5F')
  const legacy = generateKeyPairSync('rsa', { modulusLength: 1024 })
  writeFileSync(legacyFile, legacy.privateKey.export({ type: 'pkcs1', format: 'pem' }))
  await open('Keys')
  await open('New link')
})

afterAll(async () => {
  if (app) {
    for (const key of await app.keyfront.keys.list()) await app.keyfront.keys.delete(key.id)
    await app.close()
  }
  await closeBrowser()
  rmSync(dir, { recursive: true, force: true })
})

describe('Advanced options: what a link may open', () => {
  it('* alone: a one-line warning under the field, main asks first, then a custom-policy link for *', async () => {
    await newForm(`${HOST}/reports/q3.pdf`)
    await tab().getByLabel('Signing key').selectOption({ label: 'Shop key' })
    await resourceField().fill('*')
    await tab()
      .getByRole('status')
      .getByText('It opens every file of every site that trusts this key.')
      .waitFor()
    await expectAccessible()
    await app.screenshot('advanced-resource-everything')

    const link = await makeLink()
    expect(app.ports.confirmations.at(-1)?.detail).toMatch(
      /^It opens files on every site whose address matches \*\./,
    )
    expect(link).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/reports\/q3\.pdf\?Policy=[\w~-]+&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=/,
    )
    expect(JSON.parse(policyOf(link))).toMatchObject({ Statement: [{ Resource: '*' }] })
    await page().locator('.link-result .link-opens').getByText('Files matching *').waitFor()
    await page()
      .locator('.link-result')
      .getByText('It opens every file of every site that trusts this key.')
      .waitFor()
    expect(app.keyfront.history.list({ limit: 1 }).entries[0]).toMatchObject({ resource: '*', canned: false })
    await expectAccessible()
    await app.screenshot('advanced-resource-everything-result')
  })

  it('a host pattern (*example.com/*) is warned about and signed for that pattern', async () => {
    await newForm('https://cdn.example.com/media/a.mp4')
    await resourceField().fill('*example.com/*')
    await tab()
      .getByRole('status')
      .getByText('It opens files on every site whose address matches *example.com/*.')
      .waitFor()
    const asked = app.ports.confirmations.length
    const link = await makeLink()
    expect(app.ports.confirmations).toHaveLength(asked + 1)
    expect(JSON.parse(policyOf(link))).toMatchObject({ Statement: [{ Resource: '*example.com/*' }] })
  })

  it('a folder of one site: no warning, no question', async () => {
    await newForm(`${HOST}/videos/intro.mp4`)
    await resourceField().fill(`${HOST}/videos/*`)
    await expect(tab().locator('.link-warning').count()).resolves.toBe(0)
    const asked = app.ports.confirmations.length
    const link = await makeLink()
    expect(app.ports.confirmations).toHaveLength(asked)
    expect(JSON.parse(policyOf(link))).toMatchObject({ Statement: [{ Resource: `${HOST}/videos/*` }] })
  })

  it('a URL that holds * and no pattern is signed for the pattern it is, never as a canned policy', async () => {
    await newForm(`${HOST}/videos/*`)
    await resourceField().fill('')
    const link = await makeLink()
    expect(link).toMatch(/\?Policy=/)
    expect(link).not.toMatch(/[?&]Expires=/)
    expect(JSON.parse(policyOf(link))).toMatchObject({ Statement: [{ Resource: `${HOST}/videos/*` }] })
    await page()
      .locator('.link-result')
      .getByText(
        `The * in the URL is a wildcard: this opens every file whose address matches ${HOST}/videos/*.`,
      )
      .waitFor()
    await expectAccessible()
    await app.screenshot('advanced-url-with-star')
  })
})

describe('Advanced options: signed cookies for a site in front of the distribution', () => {
  it('the cookie domain field appears with cookies; the cookies carry Domain and an Expires at the expiry', async () => {
    await newForm('https://cdn.example.com/videos/intro.mp4')
    await resourceField().fill('https://cdn.example.com/videos/*')
    await expect(page().getByLabel('Cookie domain (optional)').count()).resolves.toBe(0)
    await page()
      .getByLabel(/Make signed cookies instead of a link/)
      .check()
    await page().getByLabel('Cookie domain (optional)').fill('Example.com')
    await tab().getByRole('radio', { name: '7 days' }).check()
    await page().getByLabel('Cookie domain (optional)').focus()
    await expectAccessible()
    await app.screenshot('advanced-cookie-domain')

    const cookies = (await makeLink('Make signed cookies')).split('\n')
    const entry = app.keyfront.history.list({ limit: 1 }).entries[0]
    const expires = new Date((entry?.expiresAt ?? 0) * 1000).toUTCString()
    expect(cookies).toHaveLength(3)
    for (const line of cookies) {
      expect(line).toMatch(
        new RegExp(
          `^Set-Cookie: CloudFront-[\\w-]+=[\\w~-]+; Domain=example\\.com; Path=/videos/; Secure; HttpOnly; Expires=${expires}$`,
        ),
      )
    }
    await expect(page().locator('.link-result .link-warning').count()).resolves.toBe(0)
    await expectAccessible()
    await app.screenshot('advanced-cookies-result')
  })

  it('without a domain, the result says how to give one', async () => {
    await newForm('https://cdn.example.com/videos/intro.mp4')
    await page().getByLabel('Cookie domain (optional)').fill('')
    await makeLink('Make signed cookies')
    await page()
      .locator('.link-result')
      .getByText(
        /The cookies have no Domain attribute, .* give a cookie domain \(Advanced options, or --cookie-domain\)\./,
      )
      .waitFor()
  })
})

describe('a legacy key pair', () => {
  it('is imported in Keys with its APKA… id (RSA 1024), and shown as a legacy key pair with the hint', async () => {
    await open('Keys')
    await page().getByRole('button', { name: 'Import a key' }).click()
    await page().getByLabel('Key file').setInputFiles(legacyFile)
    await page().getByLabel('Name').fill('Old trusted signer')
    const keyPairId = page().getByRole('textbox', { name: 'Key-Pair-Id (if you have it)' })
    await page().getByText('(a legacy key pair’s starts with APKA)').waitFor()
    await keyPairId.fill('APKAEIBAERJR2EXAMP')
    await page().getByText('a legacy key pair’s is "APKA" and 16 more').waitFor()
    await keyPairId.fill(LEGACY_ID)
    await page().getByRole('button', { name: 'Import key' }).click()
    await page().getByRole('heading', { name: 'Old trusted signer', level: 2 }).waitFor()
    await page().getByText('RSA 1024 (legacy key pair)').waitFor()
    await page()
      .getByText(/Legacy key pair \(trusted signer\): CloudFront key groups replace these/)
      .waitFor()
    expect(await app.keyfront.keys.find('Old trusted signer')).toMatchObject({
      keyPairId: LEGACY_ID,
      rsaBits: 1024,
      legacy: true,
    })
    // Its life is not a key group's: no upload, replace or retire — it says why and what to do instead.
    await page()
      .getByRole('note', { name: 'Legacy key pair' })
      .getByText(/cannot show where it is used/)
      .waitFor()
    for (const action of [
      'Upload to CloudFront',
      'Replace key…',
      'Retire…',
      'Stop all links signed with this key…',
    ]) {
      await expect(page().getByRole('button', { name: action }).count()).resolves.toBe(0)
    }
    await expectAccessible()
    await app.screenshot('advanced-legacy-imported')
    await open('New link')
  })

  it('is marked legacy in the key picker, with the hint, and the link says so too', async () => {
    await newForm(`${HOST}/old/report.pdf`)
    await resourceField().fill('')
    await page()
      .getByLabel(/Make signed cookies instead of a link/)
      .uncheck()
    await tab().getByLabel('Signing key').selectOption({ label: 'Old trusted signer (legacy key pair)' })
    await tab()
      .getByText(/^Legacy key pair \(trusted signer\): CloudFront key groups replace these/)
      .waitFor()
    await expectAccessible()
    await app.screenshot('advanced-legacy-key')
    const link = await makeLink()
    expect(link).toMatch(new RegExp(`\\?Expires=\\d+&Key-Pair-Id=${LEGACY_ID}&Signature=`))
    await page()
      .locator('.link-result .link-warning')
      .getByText(/^Legacy key pair \(trusted signer\)/)
      .waitFor()
    await page().getByRole('button', { name: 'Inspect it' }).click()
    await page().getByRole('heading', { name: 'Signature and dates are valid' }).waitFor()
    await page().locator('.inspect-details summary').click()
    await page()
      .locator('.inspect-note')
      .getByText(new RegExp(`^${LEGACY_ID} is a legacy CloudFront key pair \\(trusted signers\\)`))
      .waitFor()
    await expectAccessible()
    await app.screenshot('advanced-legacy-inspect')
    await open('New link')
  })
})

describe('in dark mode', () => {
  it('the options, the warning and the cookie domain read clearly, with focus visible', async () => {
    await page().emulateMedia({ colorScheme: 'dark' })
    try {
      await newForm(`${HOST}/reports/q3.pdf`)
      await tab().getByLabel('Signing key').selectOption({ label: 'Shop key' })
      await resourceField().fill('*')
      await page()
        .getByLabel(/Make signed cookies instead of a link/)
        .check()
      await page().getByLabel('Cookie domain (optional)').focus()
      await expectAccessible()
      await app.screenshot('advanced-dark')
    } finally {
      await page().emulateMedia({ colorScheme: 'light' })
    }
  })
})

describe('refused before signing, with their codes', () => {
  it('a pattern that is none of the forms is refused with its code, naming the forms there are', async () => {
    await newForm(`${HOST}/videos/intro.mp4`)
    await page()
      .getByLabel(/Make signed cookies instead of a link/)
      .uncheck()
    await resourceField().fill('d111111abcdef8.cloudfront.net/videos/*')
    await page().getByRole('button', { name: 'Make link' }).click()
    await page()
      .getByRole('alert')
      .getByText(/^A resource is \* \(every file\), a pattern that starts with https:\/\//)
      .waitFor()
    await page().getByText('Error code: RESOURCE_PATTERN_INVALID').waitFor()
    await expectAccessible()
    await app.screenshot('advanced-resource-invalid')
    // Changing what was refused takes the refusal away: it spoke of the pattern as it was.
    await resourceField().fill('https://d111111abcdef8.cloudfront.net/videos/*')
    await expect.poll(() => page().getByText('Error code: RESOURCE_PATTERN_INVALID').count()).toBe(0)
  })

  it('a domain the files are not under is refused with its code', async () => {
    await newForm('https://cdn.example.com/videos/intro.mp4')
    await resourceField().fill('https://cdn.example.com/videos/*')
    await page()
      .getByLabel(/Make signed cookies instead of a link/)
      .check()
    await page().getByLabel('Cookie domain (optional)').fill('example.org')
    await page().getByRole('button', { name: 'Make signed cookies' }).click()
    await page()
      .getByRole('alert')
      .getByText(
        'Cookies for example.org are never sent to cdn.example.com, where the files are. Use cdn.example.com or a domain it ends with.',
      )
      .waitFor()
    await page().getByText('Error code: COOKIE_DOMAIN_INVALID').waitFor()
    await expectAccessible()
    await app.screenshot('advanced-cookie-domain-invalid')
  })
})
