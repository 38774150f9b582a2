// The History screen in Chromium over the real core (real keychain, real signing): two links
// made, one found by search, copied again (the clipboard holds the identical link), inspected,
// deleted, exported; the empty state; links whose key is a key file or deleted; and a long
// history that scrolls without rendering it all.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SignedLink } from '../../src/shared/contract/links.ts'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'

const BASE = 'https://d111111abcdef8.cloudfront.net'

async function openHistory(app: E2eApp): Promise<void> {
  await app.page.getByRole('navigation').getByRole('button', { name: 'History' }).click()
  await app.page.getByRole('heading', { level: 1, name: 'History' }).waitFor()
}

async function deleteKeys(app: E2eApp): Promise<void> {
  for (const key of await app.keyfront.keys.list()) await app.keyfront.keys.delete(key.id)
}

describe('History screen', () => {
  let app: E2eApp
  let invoice: SignedLink
  let video: SignedLink

  beforeAll(async () => {
    app = await launchApp()
    const kf = app.keyfront
    await kf.keys.create({ name: 'Main key', type: 'rsa' })
    await kf.keys.setKeyPairId('Main key', 'K2JCJMDEHXQW5F')
    const expiresAt = Math.floor(Date.now() / 1000)
    invoice = await kf.links.sign({
      key: 'Main key',
      url: `${BASE}/invoices/2026/invoice-42.pdf`,
      expiresAt: expiresAt + 2 * 3600,
      label: 'For ACME, invoice 42',
    })
    video = await kf.links.sign({
      key: 'Main key',
      url: `${BASE}/videos/launch.mp4`,
      expiresAt: expiresAt + 30 * 86_400,
      label: 'Launch video for the press',
    })
    await openHistory(app)
  })
  afterAll(async () => {
    await deleteKeys(app)
    await app.close()
    await closeBrowser()
  })

  const rows = () => app.page.getByRole('list', { name: /Links made with Keyfront/ }).getByRole('listitem')

  it('lists both links, newest first, with their status', async () => {
    await rows().first().waitFor()
    await expect
      .poll(() => rows().allInnerTexts())
      .toEqual([
        expect.stringMatching(
          /^Active\s+Launch video for the press\s+https:\/\/d111111abcdef8\.cloudfront\.net\/videos\/launch\.mp4/,
        ),
        expect.stringMatching(/^Expires in (1 hour 59 minutes|2 hours)\s+For ACME, invoice 42/),
      ])
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('history-two-links')
  })

  it('finds a link by search and copies it again: the identical link', async () => {
    await app.page.getByLabel('Search labels and URLs').fill('acme')
    await expect.poll(() => rows().count()).toBe(1)
    await rows().first().getByRole('button', { name: 'Copy again' }).click()
    await app.page
      .getByText(
        /^Copied “For ACME, invoice 42” to the clipboard: the same link as before\. It works until \w+day, .+\.$/,
      )
      .waitFor()
    const clipboard = await app.page.evaluate(() => navigator.clipboard.readText())
    expect(clipboard).toBe(invoice.signedUrl)
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('history-search-copied')
  })

  it('finds nothing for an unknown word, and "Show all links" brings them back', async () => {
    await app.page.getByLabel('Search labels and URLs').fill('no such thing')
    await app.page.getByRole('heading', { name: 'No links match' }).waitFor()
    await app.page.getByRole('button', { name: 'Show all links' }).click()
    await expect.poll(() => rows().count()).toBe(2)
    await expect(app.page.getByLabel('Search labels and URLs').inputValue()).resolves.toBe('')
  })

  it('filters by status', async () => {
    await app.page.getByLabel('Status').selectOption('expired')
    await app.page.getByRole('heading', { name: 'No links match' }).waitFor()
    await app.page.getByLabel('Status').selectOption('active')
    await expect.poll(() => rows().count()).toBe(2)
  })

  it('opens the inspector with the link signed again', async () => {
    await rows().first().getByRole('button', { name: 'Inspect' }).click()
    await app.page.getByRole('heading', { level: 1, name: 'Inspect a link' }).waitFor()
    const shown = await app.page.evaluate(() => document.body.innerText)
    expect(shown).not.toContain('Something went wrong')
    await openHistory(app)
  })

  it('exports CSV without working links, to the place chosen', async () => {
    const path = join(app.dataDir, 'history.csv')
    app.ports.nextSavePaths.push(path)
    await app.page.getByRole('button', { name: 'Export CSV…' }).click()
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('history-export')
    await app.page.getByRole('button', { name: 'Choose where to save…' }).click()
    await app.page.getByText(`Exported 2 links to ${path}.`).waitFor()
    const csv = readFileSync(path, 'utf8')
    expect(csv).toContain('For ACME, invoice 42')
    expect(csv).not.toContain('Signature=')
    expect(app.ports.saveDialogs.at(-1)?.title).toBe('Export the link history')
  })

  it('deletes an entry after asking once more', async () => {
    const row = rows().filter({ hasText: 'Launch video' })
    await row.getByRole('button', { name: 'Delete…' }).click()
    await row.getByText('Delete from the history?').waitFor()
    await row.getByRole('button', { name: 'Delete', exact: true }).click()
    await app.page.getByText(/Deleted “Launch video for the press” from the history/).waitFor()
    await expect.poll(() => rows().count()).toBe(1)
    expect(app.keyfront.history.findByPolicy(video.policy, video.keyPairId)).toBeUndefined()
  })
})

describe('History screen, empty and long', () => {
  it('points to "New link" when there is no link yet', async () => {
    const app = await launchApp()
    try {
      await openHistory(app)
      await app.page.getByRole('heading', { name: 'No links yet' }).waitFor()
      expect(await app.seriousA11yViolations()).toEqual([])
      await app.page.getByRole('button', { name: 'Make a new link' }).click()
      await app.page.getByRole('heading', { level: 1, name: 'New link' }).waitFor()
    } finally {
      await app.close()
    }
  })

  it('tells a key-file link from a deleted key’s, in the row and in the key filter', async () => {
    const app = await launchApp()
    try {
      const expiresAt = Math.floor(Date.now() / 1000) + 86_400
      const entry = (name: string, keyId: string, keyPairId: string) => {
        const url = `${BASE}/handouts/${name}.pdf`
        return {
          kind: 'url' as const,
          url,
          resource: url,
          policy: `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":${expiresAt}}}}]}`,
          canned: true,
          keyId,
          keyPairId,
          algorithm: 'rsa-sha1' as const,
          expiresAt,
          label: name,
          source: 'cli' as const,
        }
      }
      app.keyfront.history.record([
        entry('deleted-key handout', 'key-gone', 'K2JCJMDEHXQW5F'),
        entry('key-file handout', `file:${'ab'.repeat(16)}`, 'KFILEKEYPAIR12'),
      ])
      await openHistory(app)
      const list = app.page.getByRole('list', { name: /Links made with Keyfront/ })
      await expect
        .poll(() => list.getByRole('listitem').allInnerTexts())
        .toEqual([
          expect.stringMatching(/key-file handout[\s\S]*Key file: import it to make this again/),
          expect.stringMatching(/deleted-key handout[\s\S]*Key deleted: cannot be copied again/),
        ])
      await expect
        .poll(() => app.page.getByLabel('Key').locator('option').allInnerTexts())
        .toEqual(expect.arrayContaining(['Key file (KFILEKEYPAIR12)', 'Deleted key (K2JCJMDEHXQW5F)']))
      expect(await app.seriousA11yViolations()).toEqual([])
      await app.screenshot('history-key-file')
    } finally {
      await app.close()
    }
  })

  it('scrolls through 20,000 links rendering only the rows in view, loading pages as it goes', async () => {
    const app = await launchApp({ colorScheme: 'dark' })
    try {
      const url = (i: number) => `${BASE}/archive/file-${i}.pdf`
      const expiresAt = Math.floor(Date.now() / 1000) + 86_400 * 3
      app.keyfront.history.record(
        Array.from({ length: 20_000 }, (_, i) => ({
          kind: 'url' as const,
          url: url(i),
          resource: url(i),
          policy: `{"Statement":[{"Resource":"${url(i)}","Condition":{"DateLessThan":{"AWS:EpochTime":${expiresAt}}}}]}`,
          canned: true,
          keyId: 'key-gone',
          keyPairId: 'K2JCJMDEHXQW5F',
          algorithm: 'rsa-sha1' as const,
          expiresAt,
          label: `Archive file ${i}`,
          source: 'batch' as const,
        })),
      )
      await openHistory(app)
      const list = app.page.getByRole('list', { name: /Links made with Keyfront/ })
      await list.getByText('Archive file 19999', { exact: true }).waitFor()
      expect(await list.getByRole('listitem').count()).toBeLessThan(20)
      expect(await app.seriousA11yViolations()).toEqual([])
      await app.screenshot('history-long-dark')
      const scroller = app.page.locator('.history-list')
      // Each scroll to the end brings the next page of 100 rows (96 px each) below.
      const height = () => scroller.evaluate((element) => element.scrollHeight)
      for (let page = 2; page <= 5; page++) {
        await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight))
        await expect.poll(height, { timeout: 20_000 }).toBe(page * 100 * 96)
      }
      await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight))
      await list.getByText('Archive file 19500', { exact: true }).waitFor()
      expect(await list.getByRole('listitem').count()).toBeLessThan(20)
      await expect(list.getByRole('listitem').first().getAttribute('aria-setsize')).resolves.toBe('-1')
    } finally {
      await app.close()
    }
  })
})
