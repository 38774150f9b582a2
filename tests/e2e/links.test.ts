// Making links in Chromium over the real core (gnome-keyring, history database, worker threads):
// the empty state pointing to Keys, a link made through the New link screen, copied from the
// clipboard, inspected (working, then edited after signing), cookies, a key without Key-Pair-Id,
// and a batch saved as CSV. axe-clean at each step; screenshots in test-results/.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diskFull } from '../../src/core/file-errors.ts'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'

let app: E2eApp
const outDir = mkdtempSync(join(tmpdir(), 'keyfront-e2e-links-'))
const FILE_URL = 'https://d111111abcdef8.cloudfront.net/reports/Q3 report.pdf'
const SIGNED_PREFIX = 'https://d111111abcdef8.cloudfront.net/reports/Q3%20report.pdf?Expires='

async function expectAccessible(): Promise<void> {
  expect(await app.seriousA11yViolations()).toEqual([])
}

/** The visible tab of New link (both tabs stay mounted; the hidden one keeps its state). */
const tab = () => app.page.getByRole('tabpanel')

async function open(area: string): Promise<void> {
  await app.page.getByRole('navigation').getByRole('button', { name: area }).click()
  await app.page.getByRole('heading', { level: 1, name: area }).waitFor()
}

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  if (app) {
    for (const key of await app.keyfront.keys.list()) await app.keyfront.keys.delete(key.id)
    await app.close()
  }
  await closeBrowser()
  rmSync(outDir, { recursive: true, force: true })
})

describe('New link and Inspect', () => {
  it('points to Keys when there is no key to sign with', async () => {
    await open('New link')
    await app.page.getByRole('heading', { name: 'Add a signing key first' }).waitFor()
    await expectAccessible()
    await app.screenshot('links-no-key')
    await app.keyfront.keys.create({ name: 'Shop key', type: 'rsa' })
    await app.keyfront.keys.setKeyPairId('Shop key', 'K2JCJMDEHXQW5F')
    await open('Keys')
    await open('New link')
  })

  it('makes a link from a pasted URL with the default expiry of 1 day, shown in local words and "in 1 day"', async () => {
    const page = app.page
    await page.getByLabel('Link to the file').fill(FILE_URL)
    await expect(tab().getByLabel('Signing key').inputValue()).resolves.toBe(
      (await app.keyfront.keys.list())[0]?.id,
    )
    await expect(tab().getByRole('radio', { name: '1 day' }).isChecked()).resolves.toBe(true)
    const preview = await tab().locator('.link-expiry-preview').innerText()
    expect(preview).toMatch(/^Stops working \w+day, .+ \(in (1 day|23 hours 59 minutes)\)\.$/)
    expect(preview).not.toMatch(/UTC|\d{4}-\d\d-\d\d/)
    await page.getByLabel('Label (optional)').fill('For Ana')
    await expectAccessible()
    await app.screenshot('links-form')

    await page.getByRole('button', { name: 'Make link' }).click()
    await page.getByRole('heading', { name: 'Your link is ready — For Ana' }).waitFor()
    const link = await page.getByLabel('Signed link').inputValue()
    expect(link.startsWith(SIGNED_PREFIX)).toBe(true)
    expect(link).toMatch(/&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=[\w~-]+$/)
    await expect(page.getByRole('img', { name: /QR code of the link/ }).getAttribute('src')).resolves.toMatch(
      /^data:image\/svg\+xml;charset=utf-8,%3Csvg/,
    )
    await expect(page.locator('.link-result .facts').first().innerText()).resolves.toMatch(
      /Works until\s+\w+day, .+ \(in (1 day|23 hours 59 minutes)\)\s+Opens\s+https:\/\/d111111abcdef8\.cloudfront\.net\/reports\/Q3 report\.pdf\s+Key\s+Shop key/,
    )

    await page.getByRole('button', { name: 'Copy link' }).click()
    await page.getByText('Copied the link to the clipboard.').waitFor()
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link)
    await expectAccessible()
    await app.screenshot('links-result')

    const recorded = app.keyfront.history.list({ limit: 5 }).entries[0]
    expect(recorded).toMatchObject({ url: FILE_URL, label: 'For Ana', source: 'app' })
    expect(JSON.stringify(recorded)).not.toContain('Signature=')
  })

  it('inspects the new link: it works, with the key and times, and the verified signature under Details', async () => {
    const page = app.page
    await page.getByRole('button', { name: 'Inspect it' }).click()
    await page.getByRole('heading', { level: 1, name: 'Inspect a link' }).waitFor()
    await page.getByRole('heading', { name: 'Signature and dates are valid' }).waitFor()
    await page.getByText(/^It was made with your key “Shop key” and is valid until \w+day, /).waitFor()
    await expect(page.locator('.inspect-facts').innerText()).resolves.toMatch(/Key\s+Your key “Shop key”/)
    await page.locator('.inspect-details summary').click()
    const details = await page.locator('.inspect-details').innerText()
    expect(details).toMatch(/Key-Pair-Id\s+K2JCJMDEHXQW5F — your key “Shop key”/)
    expect(details).toMatch(/Signature\s+Checks out with the key’s public key/)
    await expectAccessible()
    await app.screenshot('inspect-works')
  })

  it('shows where a link was changed after signing, and why CloudFront refuses it', async () => {
    const page = app.page
    const input = page.getByLabel('Signed link or cookies')
    await input.fill((await input.inputValue()).replace('Q3%20report', 'Q3 report'))
    await page.getByRole('button', { name: 'Inspect', exact: true }).click()
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor()
    await page.getByText('It was changed after it was made: where it had “%20” it now has a space.').waitFor()
    await page.getByRole('heading', { name: 'Where the link changed' }).waitFor()
    await expect.poll(() => page.locator('.inspect-difference mark').allInnerTexts()).toEqual(['%20', ' '])
    await expect(page.locator('.inspect-difference').innerText()).resolves.toMatch(
      /from the history \(“For Ana”\)/,
    )
    await page.locator('.inspect-details summary').click()
    await page.getByText(/^CloudFront would answer 403 AccessDenied\. /).waitFor()
    await expectAccessible()
    await app.screenshot('inspect-changed')
  })

  it('makes signed cookies for a folder under Advanced', async () => {
    const page = app.page
    await open('New link')
    await page.getByLabel('Link to the file').fill('https://d111111abcdef8.cloudfront.net/videos/intro.mp4')
    await tab().getByText('Advanced', { exact: true }).click()
    await page
      .getByLabel('Let it open more files (wildcard)')
      .fill('https://d111111abcdef8.cloudfront.net/videos/*')
    await page.getByLabel(/Make signed cookies instead of a link/).check()
    await tab().getByRole('radio', { name: '7 days' }).check()
    await expectAccessible()
    await app.screenshot('links-advanced')
    await page.getByRole('button', { name: 'Make signed cookies' }).click()
    await page.getByRole('heading', { name: 'Your signed cookies are ready' }).waitFor()
    const cookies = await page.getByLabel('Set-Cookie values').inputValue()
    expect(cookies.split('\n').map((line) => line.split('=')[0])).toEqual([
      'Set-Cookie: CloudFront-Key-Pair-Id',
      'Set-Cookie: CloudFront-Signature',
      'Set-Cookie: CloudFront-Policy',
    ])
    expect(cookies).toContain('; Path=/videos/; Secure; HttpOnly')
    await app.screenshot('links-cookies')
  })

  it('explains a key CloudFront was never given, and says what to do when signing with it', async () => {
    const page = app.page
    await app.keyfront.keys.create({ name: 'Fresh key', type: 'ecdsa' })
    await open('Keys')
    await open('New link')
    await tab().getByLabel('Signing key').selectOption({ label: 'Fresh key (not given to CloudFront yet)' })
    await page.getByText('CloudFront has not been given “Fresh key” yet').waitFor()
    await page.getByLabel('Link to the file').fill('https://d111111abcdef8.cloudfront.net/a.pdf')
    await page.getByRole('button', { name: 'Make link' }).click()
    await page
      .getByRole('alert')
      .getByText(/has no Key-Pair-Id yet, so CloudFront could not check links/)
      .waitFor()
    await page.getByText('Error code: KEY_PAIR_ID_MISSING').waitFor()
    await expectAccessible()
    await app.screenshot('links-key-without-id')
  })

  it('signs a pasted list of URLs in order, with progress, and saves them as CSV', async () => {
    const page = app.page
    await page.getByRole('tab', { name: 'Many links' }).click()
    const urls = Array.from(
      { length: 300 },
      (_, i) => `https://d111111abcdef8.cloudfront.net/catalog/item ${i}.pdf`,
    )
    await page.getByLabel('URLs, one per line').fill(urls.join('\n'))
    await tab().getByLabel('Signing key').selectOption({ label: 'Shop key' })
    await expectAccessible()
    await app.screenshot('links-batch-form')
    await page.getByRole('button', { name: 'Sign 300 links' }).click()
    await page.getByRole('heading', { name: /^Signed 300 links in [\d.]+ s$/ }).waitFor()
    const out = (await page.getByLabel('Signed links, one per line').inputValue()).split('\n')
    expect(out).toHaveLength(300)
    out.forEach((line, i) =>
      expect(line.startsWith(`https://d111111abcdef8.cloudfront.net/catalog/item%20${i}.pdf?Expires=`)).toBe(
        true,
      ),
    )
    const path = join(outDir, 'links.csv')
    app.ports.nextSavePaths.push(path)
    await page.getByRole('button', { name: 'Save as CSV…' }).click()
    await page.getByText(`Saved to ${path}.`).waitFor()
    const csv = readFileSync(path, 'utf8').trim().split('\n')
    expect(csv[0]).toBe('url,signed_url,expires_at')
    expect(csv[1]).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/catalog\/item 0\.pdf,https:\/\/.*item%200\.pdf\?Expires=\d+&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=[\w~-]+,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/,
    )
    expect(csv).toHaveLength(301)
    await expectAccessible()
    await app.screenshot('links-batch-done')
  })

  it('still shows and saves a batch the history could not record, and says why', async () => {
    const page = app.page
    // An injected write failure, as the history reports a full disk (tests/keychain/full-disk
    // fills a real one): the window must hand the links over anyway and say they are not kept.
    const history = app.keyfront.history
    history.record = () => {
      throw diskFull(app.dataDir)
    }
    try {
      const urls = ['a', 'b', 'c'].map((name) => `https://d111111abcdef8.cloudfront.net/full/${name}.pdf`)
      await page.getByLabel('URLs, one per line').fill(urls.join('\n'))
      await page.getByRole('button', { name: 'Sign 3 links' }).click()
      await page.getByRole('heading', { name: /^Signed 3 links in [\d.]+ s$/ }).waitFor()
      await expect(page.locator('.batch-warning').innerText()).resolves.toBe(
        `These links work, but they are not in the history: The disk that holds ${app.dataDir} is full, so Keyfront could not save there. Free some space on it and try again.`,
      )
      const out = (await page.getByLabel('Signed links, one per line').inputValue()).split('\n')
      expect(out.map((line) => line.split('?')[0])).toEqual(urls)
      const path = join(outDir, 'unrecorded.txt')
      app.ports.nextSavePaths.push(path)
      await page.getByRole('button', { name: 'Save as text…' }).click()
      await page.getByText(`Saved to ${path}.`).waitFor()
      expect(readFileSync(path, 'utf8')).toBe(`${out.join('\n')}\n`)
      await expectAccessible()
      await app.screenshot('links-batch-unrecorded')
    } finally {
      Reflect.deleteProperty(history, 'record')
    }
    expect(history.list({ search: 'full', limit: 10 }).entries).toEqual([])
  })
})

describe('New link and Inspect in dark mode', () => {
  it('stays readable and accessible: the result with its QR code, and a refused link with its changed part', async () => {
    const dark = await launchApp({ colorScheme: 'dark' })
    try {
      await dark.keyfront.keys.create({ name: 'Night key', type: 'ecdsa' })
      await dark.keyfront.keys.setKeyPairId('Night key', 'K3ECDSAKEYP256')
      const page = dark.page
      await page.getByRole('navigation').getByRole('button', { name: 'Keys' }).click()
      await page.getByRole('navigation').getByRole('button', { name: 'New link' }).click()
      await page
        .getByRole('tabpanel')
        .getByLabel('Link to the file')
        .fill('https://d111111abcdef8.cloudfront.net/late night.mp3')
      await page.getByRole('button', { name: 'Make link' }).click()
      await page.getByRole('heading', { name: 'Your link is ready' }).waitFor()
      expect(await dark.seriousA11yViolations()).toEqual([])
      await dark.screenshot('links-result-dark')
      const link = await page.getByLabel('Signed link').inputValue()
      await page.getByRole('navigation').getByRole('button', { name: 'Inspect a link' }).click()
      await page.getByLabel('Signed link or cookies').fill(link.replace('late%20night', 'late+night'))
      await page.getByRole('button', { name: 'Inspect', exact: true }).click()
      await page.getByRole('heading', { name: 'Where the link changed' }).waitFor()
      expect(await dark.seriousA11yViolations()).toEqual([])
      await dark.screenshot('inspect-changed-dark')
    } finally {
      for (const key of await dark.keyfront.keys.list()) await dark.keyfront.keys.delete(key.id)
      await dark.close()
    }
  })
})
