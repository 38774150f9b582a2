// Links over time in Chromium over the real core: the count of links expiring soon beside History
// and the filter that lists them; "Copy again" only while a link works, saying truthfully what it
// copied; "Make a new link like this…" opening New link filled in like the old link (site, path,
// label, key, the same duration), recorded as renewing it; the result copied as a message, opened
// in the browser, its QR code enlarged and saved; the menu's commands; Settings (defaults New link
// starts with, a site's name and upload folder, notifications and the quick-link shortcut, the
// theme applied at once, the shortcuts); renewing when the key or the site is gone, in dark; and
// the notice that the history file had to be moved aside, shown once on whatever screen is open.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignedSites } from '../../src/core/cloudfront/signed-sites.ts'
import type { SignedLink } from '../../src/shared/contract/links.ts'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'

const SITE_ID = 'E2QWRUHAPOMQZL'
const DOMAIN = 'd111111abcdef8.cloudfront.net'
const BASE = `https://${DOMAIN}`
const DAY = 86_400

let app: E2eApp
let soon: SignedLink
let mainKeyId: string

const page = () => app.page
const nav = (area: string) => page().getByRole('navigation').getByRole('button', { name: area })
const rows = () =>
  page()
    .getByRole('list', { name: /Links made with Keyfront/ })
    .getByRole('listitem')
const row = (label: string) => rows().filter({ hasText: label })

async function open(area: string): Promise<void> {
  await nav(area).click()
  await page().getByRole('heading', { level: 1, name: area }).waitFor()
}

/** What main sends the window: a menu command, or a change made outside it. */
async function fromMain(event: string, payload: unknown): Promise<void> {
  await page().evaluate(
    ([name, data]) =>
      (window as unknown as { __keyfrontEmit: (e: string, p: unknown) => void }).__keyfrontEmit(name, data),
    [event, payload] as const,
  )
}

async function expectAccessible(target: E2eApp = app): Promise<void> {
  expect(await target.seriousA11yViolations()).toEqual([])
}

async function rememberSite(dataDir: string, keyId: string): Promise<void> {
  await new SignedSites(dataDir).remember({
    distributionId: SITE_ID,
    domainName: DOMAIN,
    aliases: [],
    comment: 'Client files',
    keyId,
    keyPairId: 'K2JCJMDEHXQW5F',
    keyGroupId: 'group-1',
    keyGroupName: `keyfront-${SITE_ID}`,
    restrictedPaths: ['*'],
    accountId: '123456789012',
    onboardedAt: Date.now(),
  })
}

beforeAll(async () => {
  app = await launchApp()
  const kf = app.keyfront
  mainKeyId = (await kf.keys.create({ name: 'Main key', type: 'rsa' })).id
  await kf.keys.setKeyPairId('Main key', 'K2JCJMDEHXQW5F')
  await rememberSite(app.dataDir, mainKeyId)
  const now = Math.floor(Date.now() / 1000)
  await kf.links.sign({
    key: 'Main key',
    url: `${BASE}/videos/launch.mp4`,
    expiresAt: now + 30 * DAY,
    label: 'Launch video',
    distributionId: SITE_ID,
  })
  const url = `${BASE}/invoices/old invoice.pdf`
  const expiredAt = now - 3600
  kf.history.record([
    {
      kind: 'url',
      url,
      resource: url,
      policy: `{"Statement":[{"Resource":"${encodeURI(url)}","Condition":{"DateLessThan":{"AWS:EpochTime":${expiredAt}}}}]}`,
      canned: true,
      keyId: mainKeyId,
      keyPairId: 'K2JCJMDEHXQW5F',
      algorithm: 'rsa-sha1',
      expiresAt: expiredAt,
      label: 'Old invoice',
      distributionId: SITE_ID,
      source: 'cli',
    },
  ])
  soon = await kf.links.sign({
    key: 'Main key',
    url: `${BASE}/reports/Q3 report.pdf`,
    expiresAt: now + DAY,
    label: 'For Ana',
    distributionId: SITE_ID,
  })
})

afterAll(async () => {
  if (app) {
    for (const key of await app.keyfront.keys.list()) await app.keyfront.keys.delete(key.id)
    await app.close()
  }
  await closeBrowser()
})

describe('links over time', () => {
  it('counts the links expiring soon beside History, once links made elsewhere are reported', async () => {
    // The window opened before there was a key (on the welcome); the links were made outside it,
    // as by the tray or the CLI, and main reports the change.
    await open('New link')
    await fromMain('history.changed', {})
    // Seen as a badge "1"; heard as "History, 1 link stops working soon".
    await page()
      .getByRole('navigation')
      .getByRole('button', { name: /^History ?, 1 link stops working soon$/ })
      .waitFor()
    await expect(nav('History').locator('.nav-count [aria-hidden="true"]').innerText()).resolves.toBe('1')
    await expect(nav('History').getAttribute('aria-current')).resolves.toBeNull()
    await expectAccessible()
    await app.screenshot('over-time-count')
  })

  it('lists them with the expiring-soon filter, in plain words, named by their site', async () => {
    await open('History')
    await expect.poll(() => rows().count()).toBe(3)
    await page().getByText('1 link stops working in the next 48 hours.').waitFor()
    await page().getByRole('button', { name: 'Show it' }).click()
    await expect.poll(() => rows().count()).toBe(1)
    await expect(page().getByLabel('Status').inputValue()).resolves.toBe('expiring')
    await expect(rows().first().innerText()).resolves.toMatch(
      /^Expires in (23 hours 59 minutes|1 day)\s+For Ana\s+Client files: reports\/Q3 report\.pdf\s+Key “Main key”/,
    )
    await page().getByLabel('Status').selectOption('')
    await expect.poll(() => rows().count()).toBe(3)
    await expectAccessible()
    await app.screenshot('over-time-history')
  })

  it('offers "Copy again" only while a link works, and a new link like an expired or expiring one', async () => {
    const buttons = (label: string) => row(label).getByRole('button').allInnerTexts()
    await expect(buttons('Old invoice')).resolves.toEqual([
      'Make a new link like this…',
      'Inspect',
      'Delete…',
    ])
    await expect(buttons('For Ana')).resolves.toEqual([
      'Make a new link like this…',
      'Copy again',
      'Inspect',
      'Delete…',
    ])
    await expect(buttons('Launch video')).resolves.toEqual(['Copy again', 'Inspect', 'Delete…'])
  })

  it('says truthfully what "Copy again" copied: the same link, and until when it works', async () => {
    await row('For Ana').getByRole('button', { name: 'Copy again' }).click()
    await page()
      .getByText(/^Copied “For Ana” to the clipboard: the same link as before\. It works until \w+day, .+\.$/)
      .waitFor()
    await expect(page().evaluate(() => navigator.clipboard.readText())).resolves.toBe(soon.signedUrl)
  })

  it('copies the History row that has focus with the menu’s Copy the Link', async () => {
    await page().evaluate(() => navigator.clipboard.writeText(''))
    await row('Launch video').getByRole('button', { name: 'Copy again' }).focus()
    await fromMain('app.command', { command: 'copy-link' })
    await page()
      .getByText(/^Copied “Launch video” to the clipboard/)
      .waitFor()
    await expect(page().evaluate(() => navigator.clipboard.readText())).resolves.toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/videos\/launch\.mp4\?Expires=/,
    )
  })

  it('renews: New link filled in with the site, path, label, key and the same duration', async () => {
    const oldId = app.keyfront.history.list({ search: 'Ana', limit: 5 }).entries[0]?.id
    await row('For Ana').getByRole('button', { name: 'Make a new link like this…' }).click()
    await page().getByRole('heading', { level: 1, name: 'New link' }).waitFor()
    const form = page().getByRole('form', { name: 'A new link like “For Ana”' })
    await expect(form.locator('.renew-facts').innerText()).resolves.toMatch(
      /^File\s+Client files: reports\/Q3 report\.pdf\s+Key\s+Main key$/,
    )
    await expect(form.getByRole('radio', { name: '1 day' }).isChecked()).resolves.toBe(true)
    await expect(form.getByLabel('Label (optional)').inputValue()).resolves.toBe('For Ana')
    await expectAccessible()
    await app.screenshot('over-time-renew-form')

    await form.getByLabel('Label (optional)').fill('For Ana, again')
    await form.getByRole('radio', { name: '3 days' }).check()
    await form.getByRole('button', { name: 'Make the new link' }).click()
    await page().getByRole('heading', { name: 'Your link is ready — For Ana, again' }).waitFor()
    const link = await page().getByLabel('Signed link').inputValue()
    expect(link.startsWith(`${BASE}/reports/Q3%20report.pdf?Expires=`)).toBe(true)

    const [renewed, old] = app.keyfront.history.list({ search: 'Ana', limit: 5 }).entries
    expect(renewed).toMatchObject({ label: 'For Ana, again', renewedFrom: oldId, distributionId: SITE_ID })
    expect((renewed?.expiresAt ?? 0) - Math.floor(Date.now() / 1000)).toBeGreaterThan(3 * DAY - 120)
    expect(old).toMatchObject({
      id: oldId,
      label: 'For Ana',
      expiresAt: soon.expiresAt,
      renewedAs: renewed?.id,
    })
    await expect.poll(() => nav('History').innerText()).toBe('History')
  })

  it('copies the result as a message in the user’s words, and opens it in the browser', async () => {
    const link = await page().getByLabel('Signed link').inputValue()
    await page().getByRole('button', { name: 'Copy as message' }).click()
    await page().getByText('Copied the link with a sentence saying until when it works').waitFor()
    const message = await page().evaluate(() => navigator.clipboard.readText())
    expect(message).toMatch(/\nThis link works until \w+day, \w+ \d+, \d+:\d\d\s[AP]M\.$/)
    expect(message.split('\n')[0]).toBe(link)

    await page().getByRole('button', { name: 'Open in browser' }).click()
    await page().getByText('Opened the link in your browser.').waitFor()
    expect(app.ports.opened).toEqual([link])
  })

  it('shows the QR code larger on demand and saves it as PNG and SVG', async () => {
    const qr = page().getByRole('img', { name: /QR code of the link/ })
    await expect(qr.getAttribute('width')).resolves.toBe('200')
    await page().getByRole('button', { name: 'Larger QR code' }).click()
    await expect(qr.getAttribute('width')).resolves.toBe('420')
    await expect(
      page().getByRole('button', { name: 'Larger QR code' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true')
    await expectAccessible()
    await app.screenshot('over-time-qr-large')

    const png = join(app.dataDir, 'code.png')
    app.ports.nextSavePaths.push(png)
    await page().getByRole('button', { name: 'Save as PNG…' }).click()
    await page().getByText(`Saved the QR code to ${png}.`).waitFor()
    expect(readFileSync(png).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
    expect(app.ports.saveDialogs.at(-1)?.defaultName).toBe('QR code For Ana, again.png')

    const svg = join(app.dataDir, 'code.svg')
    app.ports.nextSavePaths.push(svg)
    await page().getByRole('button', { name: 'Save as SVG…' }).click()
    await page().getByText(`Saved the QR code to ${svg}.`).waitFor()
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
  })

  it('carries out the menu’s commands: copy the link on screen, a new link, search History', async () => {
    const link = await page().getByLabel('Signed link').inputValue()
    await page().evaluate(() => navigator.clipboard.writeText(''))
    await fromMain('app.command', { command: 'copy-link' })
    await page().getByText('Copied the link to the clipboard.').waitFor()
    await expect(page().evaluate(() => navigator.clipboard.readText())).resolves.toBe(link)

    await fromMain('app.command', { command: 'new-link' })
    await page().getByRole('button', { name: 'Make link' }).waitFor()
    await expect(page().getByLabel('Signed link').count()).resolves.toBe(0)

    await fromMain('app.command', { command: 'copy-link' })
    await page()
      .getByText(/^There is no link on this screen to copy\./)
      .waitFor()

    await fromMain('app.command', { command: 'search-history' })
    await page().getByRole('heading', { level: 1, name: 'History' }).waitFor()
    await expect
      .poll(() => page().evaluate(() => (document.activeElement as HTMLInputElement | null)?.type))
      .toBe('search')
    await page().getByRole('heading', { level: 1 }).click()
    await fromMain('app.command', { command: 'search-history' })
    await expect
      .poll(() => page().evaluate(() => (document.activeElement as HTMLInputElement | null)?.type))
      .toBe('search')
  })
})

describe('Settings', () => {
  it('saves the defaults New link starts with, a name for the site and its upload folder', async () => {
    await open('Settings')
    await page().getByRole('radio', { name: '7 days' }).check()
    await page().getByRole('status').getByText('Saved.').waitFor()
    await page().getByLabel('Site to start with').selectOption({ label: 'Client files' })
    await expect.poll(async () => (await app.keyfront.settings.get()).defaultSite).toBe(SITE_ID)
    expect((await app.keyfront.settings.get()).defaultDuration).toBe('7d')

    await page().getByLabel(`Name of ${DOMAIN}`).fill('Acme reports')
    await page().getByRole('button', { name: 'Save name' }).click()
    await page().getByText('Saved: shown as “Acme reports”.').waitFor()
    await expect(page().getByLabel('Site to start with').locator('option:checked').innerText()).resolves.toBe(
      'Acme reports',
    )
    await page().getByLabel('Upload folder of Acme reports').fill('/inbox/2026')
    await page().getByRole('button', { name: 'Save folder' }).click()
    await page().getByText('Saved: uploads go to inbox/2026/.').waitFor()
    expect((await app.keyfront.cloudfront.sites())[0]?.uploadFolder).toBe('inbox/2026/')
    await page().getByText('Ctrl+Shift+C', { exact: true }).waitFor()
    await page().getByText('Ctrl+Alt+Shift+L', { exact: true }).first().waitFor()
    await expectAccessible()
    await app.screenshot('settings-light')

    await open('New link')
    await expect(
      page().getByRole('tabpanel').getByLabel('Where is the file?').locator('option:checked').innerText(),
    ).resolves.toBe(`Acme reports — ${DOMAIN}`)
    await expect(
      page().getByRole('tabpanel').getByRole('radio', { name: '7 days' }).isChecked(),
    ).resolves.toBe(true)
  })

  it('turns notifications off and the system-wide quick-link shortcut on, and shows them so again', async () => {
    await open('Settings')
    const notifications = page().getByRole('checkbox', { name: 'Show notifications' })
    const shortcut = page().getByRole('checkbox', {
      name: 'Make a quick link from any app with Ctrl+Alt+Shift+L',
    })
    await expect(notifications.isChecked()).resolves.toBe(true)
    await expect(shortcut.isChecked()).resolves.toBe(false)
    await notifications.uncheck()
    await expect.poll(async () => (await app.keyfront.settings.get()).notifications).toBe(false)
    await shortcut.check()
    await expect.poll(async () => (await app.keyfront.settings.get()).quickLinkShortcut).toBe(true)
    // What main does with them is tested over the fake electron module (tests/unit/main/desktop.test.ts).
    await open('History')
    await open('Settings')
    await expect(notifications.isChecked()).resolves.toBe(false)
    await expect(shortcut.isChecked()).resolves.toBe(true)
    await expectAccessible()
  })

  it('switches the theme at once, light and dark, whatever the system says', async () => {
    const rootBackground = () =>
      page().evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
    await open('Settings')
    await expect(rootBackground()).resolves.toBe('rgb(247, 248, 250)')
    await page().getByRole('radio', { name: 'Dark' }).check()
    await expect.poll(() => page().evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await expect.poll(rootBackground).toBe('rgb(22, 24, 29)')
    expect((await app.keyfront.settings.get()).theme).toBe('dark')
    await expectAccessible()
    await app.screenshot('settings-dark')
    await page().getByRole('radio', { name: 'Same as the system' }).check()
    await expect
      .poll(() => page().evaluate(() => document.documentElement.dataset.theme ?? 'none'))
      .toBe('none')
    await expect.poll(rootBackground).toBe('rgb(247, 248, 250)')
  })

  it('keeps the theme chosen when the app opens again, and light wins over a dark system', async () => {
    const dark = await launchApp({ colorScheme: 'dark' })
    try {
      await dark.keyfront.settings.update({ theme: 'light' })
      await dark.page.reload()
      await expect
        .poll(() => dark.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor))
        .toBe('rgb(247, 248, 250)')
      await dark.page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click()
      await dark.page.getByRole('radio', { name: 'Light' }).waitFor()
      await expect(dark.page.getByRole('radio', { name: 'Light' }).isChecked()).resolves.toBe(true)
      await expectAccessible(dark)
      await dark.screenshot('settings-light-on-dark-system')
    } finally {
      await dark.close()
    }
  })
})

describe('making a new link like one whose key or site is gone', () => {
  it('says what to do about a deleted key, and shows a forgotten site’s link by its address (dark)', async () => {
    const OTHER_ID = 'E1OTHERSITE0001'
    const OTHER = 'd222222abcdef8.cloudfront.net'
    const gone = await launchApp({ colorScheme: 'dark' })
    try {
      const kf = gone.keyfront
      const oldKey = await kf.keys.create({ name: 'Old key', type: 'rsa' })
      await kf.keys.setKeyPairId('Old key', 'K3OLDKEY000001')
      const main = await kf.keys.create({ name: 'Main key', type: 'rsa' })
      await kf.keys.setKeyPairId('Main key', 'K2JCJMDEHXQW5F')
      await rememberSite(gone.dataDir, main.id)
      const sites = new SignedSites(gone.dataDir)
      await sites.remember({
        distributionId: OTHER_ID,
        domainName: OTHER,
        aliases: [],
        comment: 'Old shop',
        keyId: main.id,
        keyPairId: 'K2JCJMDEHXQW5F',
        keyGroupId: 'group-2',
        keyGroupName: `keyfront-${OTHER_ID}`,
        restrictedPaths: ['*'],
        accountId: '123456789012',
        onboardedAt: Date.now(),
      })
      const now = Math.floor(Date.now() / 1000)
      await kf.links.sign({
        key: 'Old key',
        url: `${BASE}/contracts/draft 2.pdf`,
        expiresAt: now + 3600,
        label: 'Signed draft',
        distributionId: SITE_ID,
      })
      await kf.keys.delete(oldKey.id)
      await kf.links.sign({
        key: 'Main key',
        url: `https://${OTHER}/price list.pdf`,
        expiresAt: now + 7200,
        label: 'Price list',
        distributionId: OTHER_ID,
      })
      await sites.forget(OTHER_ID)
      const page = gone.page
      const historyRow = (label: string) =>
        page
          .getByRole('list', { name: /Links made with Keyfront/ })
          .getByRole('listitem')
          .filter({ hasText: label })
      await page.reload()
      await page
        .getByRole('navigation')
        .getByRole('button', { name: /^History/ })
        .click()
      await page.getByRole('heading', { level: 1, name: 'History' }).waitFor()
      await expect(historyRow('Signed draft').innerText()).resolves.toMatch(
        /Key deleted: cannot be copied again/,
      )
      await expect
        .poll(() => historyRow('Signed draft').getByRole('button').allInnerTexts())
        .toEqual(['Make a new link like this…', 'Delete…'])

      await historyRow('Signed draft').getByRole('button', { name: 'Make a new link like this…' }).click()
      const form = page.getByRole('form', { name: 'A new link like “Signed draft”' })
      await form.waitFor()
      await expect(form.locator('.renew-facts').innerText()).resolves.toMatch(
        /^File\s+Client files: contracts\/draft 2\.pdf$/,
      )
      await expect(form.locator('.renew-key-gone p').first().innerText()).resolves.toBe(
        'The key that made the earlier link was deleted from Keyfront. Choose another key this site trusts. “Main key” is the key the site was set up with.',
      )
      await expect(form.getByLabel('Signing key').locator('option:checked').innerText()).resolves.toBe(
        'Main key',
      )
      await expect(form.getByRole('radio', { name: '1 hour' }).isChecked()).resolves.toBe(true)
      expect(await gone.seriousA11yViolations()).toEqual([])
      await gone.screenshot('renew-key-deleted-dark')
      await form.getByRole('button', { name: 'Make the new link' }).click()
      await page.getByRole('heading', { name: 'Your link is ready — Signed draft' }).waitFor()
      await expect(page.locator('.link-result .facts').first().innerText()).resolves.toMatch(
        /Key\s+Main key$/,
      )

      await page
        .getByRole('navigation')
        .getByRole('button', { name: /^History/ })
        .click()
      await historyRow('Price list').getByRole('button', { name: 'Make a new link like this…' }).click()
      const forgotten = page.getByRole('form', { name: 'A new link like “Price list”' })
      await forgotten.waitFor()
      await expect(forgotten.locator('.renew-facts').innerText()).resolves.toMatch(
        /^File\s+https:\/\/d222222abcdef8\.cloudfront\.net\/price list\.pdf\s+Key\s+Main key$/,
      )
      await expect(forgotten.getByRole('radio', { name: '1 hour' }).isChecked()).resolves.toBe(false)
      await forgotten.getByRole('button', { name: 'Make the new link' }).click()
      await page.getByRole('heading', { name: 'Your link is ready — Price list' }).waitFor()
      expect(await gone.seriousA11yViolations()).toEqual([])
      await gone.screenshot('renew-result-dark')
      const [renewed] = kf.history.list({ search: 'price', limit: 5 }).entries
      expect(renewed?.url).toBe(`https://${OTHER}/price list.pdf`)
      expect((renewed?.expiresAt ?? 0) - Math.floor(Date.now() / 1000)).toBeGreaterThan(7200 - 120)
    } finally {
      for (const key of await gone.keyfront.keys.list()) await gone.keyfront.keys.delete(key.id)
      await gone.close()
    }
  })
})

describe('Copy as message in the user’s language and time zone', () => {
  const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag']
  const MONTHS = [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ]

  it('writes the sentence in German, with the time it is in Tokyo', async () => {
    const de = await launchApp({ locale: 'de-DE', timezoneId: 'Asia/Tokyo' })
    try {
      await de.keyfront.keys.create({ name: 'Main key', type: 'rsa' })
      await de.keyfront.keys.setKeyPairId('Main key', 'K2JCJMDEHXQW5F')
      const page = de.page
      await page.reload()
      await page.getByRole('heading', { level: 1, name: 'New link' }).waitFor()
      await page.getByLabel('Link to the file').fill(`${BASE}/reports/Q3 report.pdf`)
      await page.getByRole('radio', { name: '7 days' }).check()
      await page.getByRole('button', { name: 'Make link' }).click()
      await page.getByRole('button', { name: 'Copy as message' }).click()
      await page.getByText('Copied the link with a sentence saying until when it works').waitFor()
      const message = await page.evaluate(() => navigator.clipboard.readText())

      const [entry] = de.keyfront.history.list({ limit: 1 }).entries
      // Tokyo keeps UTC+9 all year.
      const tokyo = new Date(((entry?.expiresAt ?? 0) + 9 * 3600) * 1000)
      const year = tokyo.getUTCFullYear() === new Date().getUTCFullYear() ? '' : ` ${tokyo.getUTCFullYear()}`
      const pad = (n: number) => String(n).padStart(2, '0')
      const day = `${WEEKDAYS[tokyo.getUTCDay()]}, ${tokyo.getUTCDate()}. ${MONTHS[tokyo.getUTCMonth()]}${year}`
      const time = `${pad(tokyo.getUTCHours())}:${pad(tokyo.getUTCMinutes())}`
      const link = await page.getByLabel('Signed link').inputValue()
      expect(message).toBe(`${link}\nDieser Link funktioniert bis ${day}, ${time}.`)
      await expect(page.locator('.link-result .facts').first().innerText()).resolves.toContain(
        `${day}, ${time}`,
      )
    } finally {
      for (const key of await de.keyfront.keys.list()) await de.keyfront.keys.delete(key.id)
      await de.close()
    }
  })
})

describe('a history file that could not be read', () => {
  it('is said once, on whatever screen is open, until the user has read it', async () => {
    const reset = await launchApp({
      prepareDataDir: (dataDir) => writeFileSync(join(dataDir, 'history.sqlite'), 'not a database at all'),
    })
    try {
      const notice = reset.page.getByText(/^Keyfront could not read its history file, so it moved it to /)
      await reset.page.getByRole('heading', { level: 1, name: 'Welcome to Keyfront' }).waitFor()
      await notice.waitFor()
      await expect(notice.innerText()).resolves.toContain('history.sqlite.corrupt-')
      await expectAccessible(reset)
      await reset.screenshot('history-reset-notice')
      await reset.page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click()
      await reset.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
      await expect(notice.count()).resolves.toBe(1)
      await reset.page.getByRole('button', { name: 'Got it' }).click()
      await expect(notice.count()).resolves.toBe(0)
      await reset.page.getByRole('navigation').getByRole('button', { name: 'History' }).click()
      await reset.page.getByRole('heading', { name: 'No links yet' }).waitFor()
      await expect(notice.count()).resolves.toBe(0)

      // Told again by main (the same move), it stays read; a later move, while History is open, is said.
      const movedTo = join(reset.dataDir, 'history.sqlite.corrupt-later')
      const emit = (path: string) =>
        reset.page.evaluate(
          (moved) =>
            (window as unknown as { __keyfrontEmit: (e: string, p: unknown) => void }).__keyfrontEmit(
              'history.reset',
              { movedTo: moved },
            ),
          path,
        )
      await emit(reset.keyfront.history.recoveredFrom ?? '')
      await expect(notice.count()).resolves.toBe(0)
      await emit(movedTo)
      await notice.waitFor()
      await expect(notice.innerText()).resolves.toContain(movedTo)
      await expect(reset.page.getByRole('heading', { level: 1, name: 'History' }).count()).resolves.toBe(1)
    } finally {
      await reset.close()
    }
  })
})
