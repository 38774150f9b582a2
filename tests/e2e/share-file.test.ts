// "Where is the file?" with a file browser, in Chromium over the real core and moto_server (S3 and
// CloudFront): a site onboarded there, its bucket holding a few folders and a folder of 1,050 files.
// Keyboard only: open the browser, move down to a folder, open it, filter, choose the file — the
// path is filled in — and make the link. The long folder renders only a screenful of rows and reads
// its second page when scrolled near the end. Then a file from this computer (chosen in main's
// dialog, played by the harness): uploaded with progress, a second upload of the same name asks
// before keeping both, and each gives its link; files dropped on the panel go the same way, a
// folder among them explained. Typing the path offers completions (History's paths, then the
// folder's names) taken with the keyboard; a folder of 10,000 files has the time from its first
// page arriving to its first screenful measured and printed (docs/ENGINEERING.md records it).
// Chromium has no webUtils, so the harness's bridge finds a dropped file's path in a folder the
// test names (__keyfrontTestDropDir), where the preload would ask Electron. axe finds nothing
// serious; light and dark screenshots.
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { createTestDistribution, directClient } from '../unit/core/cloudfront/world.ts'

// The bucket createTestDistribution names as the distribution's origin, and its origin path: the
// site's reports/Q3 report.pdf is the object public/reports/Q3 report.pdf.
const BUCKET = 'files-bucket'
const ORIGIN_PATH = 'public/'
const BIG_FOLDER = 10_000

let moto: Moto
let app: E2eApp
let domain: string
let s3: S3Client
const dir = mkdtempSync(join(tmpdir(), 'keyfront-e2e-share-'))

const page = () => app.page
const tab = () => page().getByRole('tabpanel')
const browser = () => tab().getByRole('region', { name: 'Files on this site' })

async function press(target: { focus(): Promise<void> }, key: string): Promise<void> {
  await target.focus()
  await page().keyboard.press(key)
}

beforeAll(async () => {
  moto = await startMoto()
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
  const put = (key: string, body: string) =>
    s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${ORIGIN_PATH}${key}`, Body: body }))
  await put('reports/Q3 report.pdf', 'x'.repeat(2300))
  await put('reports/Q4 report.pdf', 'y'.repeat(1200))
  const archive = Array.from({ length: 1050 }, (_, i) => `archive/scan-${String(i).padStart(4, '0')}.png`)
  for (let i = 0; i < archive.length; i += 50)
    await Promise.all(archive.slice(i, i + 50).map((key) => put(key, 'z')))
  // A folder of 10,000 files, for the time to its first screenful.
  const big = Array.from({ length: BIG_FOLDER }, (_, i) => `videos/clip-${String(i).padStart(5, '0')}.mp4`)
  for (let i = 0; i < big.length; i += 100)
    await Promise.all(big.slice(i, i + 100).map((key) => put(key, 'b')))

  const distributionId = await createTestDistribution(directClient(moto.endpoint), 'Reports')
  app = await launchApp({ env: moto.env })
  const keyId = (await app.keyfront.keys.create({ name: 'Reports key', type: 'rsa' })).id
  await app.keyfront.cloudfront.onboard({ distributionId, key: keyId })
  domain = (await app.keyfront.cloudfront.sites())[0]?.domainName ?? ''
}, 300_000)
afterAll(async () => {
  if (app) {
    for (const key of await app.keyfront.keys.list()) await app.keyfront.keys.delete(key.id)
    await app.close()
  }
  await closeBrowser()
  s3.destroy()
  await moto.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('choosing the file from the site’s bucket', () => {
  it('browses, filters and picks with the keyboard, then makes the link to that file', async () => {
    await press(page().getByRole('navigation').getByRole('button', { name: 'New link' }), 'Enter')
    await page().getByRole('heading', { level: 1, name: 'New link' }).waitFor()
    await press(tab().getByRole('button', { name: 'Browse files…' }), 'Enter')
    await browser().getByText('3 folders and 0 files.').waitFor()

    await press(browser().getByRole('button', { name: /^archive\// }), 'ArrowDown')
    await page().keyboard.press('Enter')
    await browser().getByRole('navigation', { name: 'Folder' }).getByText('reports').waitFor()
    await browser().getByText('0 folders and 2 files.').waitFor()
    await browser().getByLabel('Filter this folder').focus()
    await page().keyboard.type('q3')
    await browser().getByText('0 folders and 1 file.').waitFor()
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('share-file-browser')

    await press(browser().getByRole('button', { name: /^Q3 report\.pdf/ }), 'Enter')
    await expect(tab().getByLabel('Path of the file').inputValue()).resolves.toBe('reports/Q3 report.pdf')
    await tab().getByText('Chosen: reports/Q3 report.pdf · 2.3 KB PDF.').waitFor()
    await expect(page().evaluate(() => document.activeElement?.textContent)).resolves.toBe('Browse files…')
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('share-file-chosen')

    await press(tab().getByRole('button', { name: 'Make link' }), 'Enter')
    await page()
      .getByRole('heading', { name: /^Your link is ready/ })
      .waitFor()
    const link = await page().getByLabel('Signed link').inputValue()
    expect(link.startsWith(`https://${domain}/reports/Q3%20report.pdf?Expires=`)).toBe(true)
  })

  it('shows a folder of 1,050 files a screenful at a time, reading the next page near the end', async () => {
    await press(page().getByRole('navigation').getByRole('button', { name: 'New link' }), 'Enter')
    const another = page().getByRole('button', { name: 'Make another link' })
    if (await another.count()) await press(another, 'Enter')
    await press(tab().getByRole('button', { name: 'Browse files…' }), 'Enter')
    await press(browser().getByRole('button', { name: /^archive\// }), 'Enter')
    await browser().getByText('0 folders and 1,000 files, more to come.').waitFor()
    const rendered = await browser().locator('.file-row').count()
    expect(rendered).toBeLessThan(40)

    await press(browser().getByRole('button', { name: /^scan-0000\.png/ }), 'ArrowDown')
    await expect(page().evaluate(() => document.activeElement?.textContent ?? '')).resolves.toMatch(
      /^scan-0001\.png/,
    )
    await browser()
      .locator('.virtual-list')
      .evaluate((list) => (list.scrollTop = list.scrollHeight))
    await browser().getByText('0 folders and 1,050 files.').waitFor()
    await page().emulateMedia({ colorScheme: 'dark' })
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('share-file-long-folder-dark')
    await page().emulateMedia({ colorScheme: 'light' })
  })
})

describe('typing the path', () => {
  it('offers paths used before and the names in the folder typed so far, taken with the keyboard', async () => {
    await press(page().getByRole('navigation').getByRole('button', { name: 'New link' }), 'Enter')
    const another = page().getByRole('button', { name: 'Make another link' })
    if (await another.count()) await press(another, 'Enter')
    const path = tab().getByRole('combobox', { name: 'Path of the file' })
    await path.fill('')
    await path.focus()
    await page().keyboard.type('rep')
    const options = tab().getByRole('listbox', { name: 'Paths on this site' })
    // The link made earlier is offered first, then the folder from the bucket.
    await options.getByRole('option', { name: 'reports/ folder' }).waitFor()
    await expect(options.getByRole('option').allTextContents()).resolves.toEqual([
      'reports/Q3 report.pdf used before',
      'reports/ folder',
    ])
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('share-file-path-completion')
    await page().keyboard.press('ArrowDown')
    await page().keyboard.press('ArrowDown')
    await page().keyboard.press('Enter')
    await expect(path.inputValue()).resolves.toBe('reports/')
    await options.getByRole('option', { name: 'reports/Q4 report.pdf file' }).waitFor()
    await page().keyboard.type('q4')
    await page().keyboard.press('ArrowDown')
    await page().keyboard.press('Enter')
    await expect(path.inputValue()).resolves.toBe('reports/Q4 report.pdf')
    await expect(path.getAttribute('aria-expanded')).resolves.toBe('false')
    await expect(
      page()
        .getByRole('heading', { name: /^Your link is ready/ })
        .count(),
    ).resolves.toBe(0)
  })
})

describe('a folder of 10,000 files', () => {
  it('shows its first screenful soon after the first page arrives (measured, printed)', async () => {
    await press(page().getByRole('navigation').getByRole('button', { name: 'New link' }), 'Enter')
    const another = page().getByRole('button', { name: 'Make another link' })
    if (await another.count()) await press(another, 'Enter')
    // Closed and opened again, the list starts at the top folder.
    const close = tab().getByRole('button', { name: 'Close the file list' })
    if (await close.count()) await press(close, 'Enter')
    await press(tab().getByRole('button', { name: 'Browse files…' }), 'Enter')
    await browser()
      .getByRole('button', { name: /^videos\// })
      .waitFor()
    // When the first page of videos/ comes back from the core, and when its first row is painted.
    await page().evaluate(() => {
      const w = window as unknown as Record<string, unknown> & {
        keyfront: { files: { browse: (r: { folder: string; cursor?: string }) => Promise<unknown> } }
      }
      const browse = w.keyfront.files.browse
      w.keyfront.files.browse = async (request) => {
        const first = request.folder === 'videos/' && !request.cursor
        if (first) w.__askedAt = performance.now()
        const answer = await browse(request)
        if (first) w.__firstPageAt = performance.now()
        return answer
      }
      const seen = new MutationObserver(() => {
        if (!document.body.textContent?.includes('clip-00000.mp4')) return
        seen.disconnect()
        requestAnimationFrame(() => setTimeout(() => (w.__firstScreenAt = performance.now())))
      })
      seen.observe(document.body, { childList: true, subtree: true, characterData: true })
    })
    await press(browser().getByRole('button', { name: /^videos\// }), 'Enter')
    await browser().getByText('0 folders and 1,000 files, more to come.').waitFor()
    await page().waitForFunction(() => '__firstScreenAt' in window)
    const [ms, listed] = await page().evaluate(() => {
      const w = window as unknown as { __askedAt: number; __firstPageAt: number; __firstScreenAt: number }
      return [w.__firstScreenAt - w.__firstPageAt, w.__firstPageAt - w.__askedAt] as const
    })
    console.log(
      `first screenful of a ${BIG_FOLDER}-file folder: ${ms.toFixed(0)} ms after its first page arrived (the page of 1,000 took ${listed.toFixed(0)} ms from moto_server)`,
    )
    expect(await browser().locator('.file-row').count()).toBeLessThan(40)
    await app.screenshot('share-file-big-folder')
  })
})

describe('sharing a file from this computer', () => {
  it('uploads a chosen file into the folder of the path, makes its link, and asks before reusing the name', async () => {
    const local = join(dir, 'Budget été.pdf')
    writeFileSync(local, 'b'.repeat(3000))
    await press(page().getByRole('navigation').getByRole('button', { name: 'New link' }), 'Enter')
    const another = page().getByRole('button', { name: 'Make another link' })
    if (await another.count()) await press(another, 'Enter')
    // With the file list closed, the upload folder is the path's (an open list's folder comes first).
    const close = tab().getByRole('button', { name: 'Close the file list' })
    if (await close.count()) await press(close, 'Enter')
    await tab().getByLabel('Path of the file').fill('reports/Q3 report.pdf')

    app.ports.nextChosenFiles.push([local])
    await press(tab().getByRole('button', { name: 'Choose files…' }), 'Enter')
    await tab().getByRole('list', { name: 'Files to upload' }).getByText('Budget été.pdf').waitFor()
    await expect(tab().getByLabel('Upload to folder').inputValue()).resolves.toBe('reports/')
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('share-file-upload-chosen')

    await press(tab().getByRole('button', { name: 'Upload and make the link' }), 'Enter')
    const link = tab().getByLabel('Link to reports/Budget été.pdf')
    await link.waitFor()
    expect(await link.inputValue()).toMatch(
      new RegExp(`^https://${domain}/reports/Budget%20%C3%A9t%C3%A9\\.pdf\\?Expires=`),
    )
    const stored = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: `${ORIGIN_PATH}reports/Budget été.pdf` }),
    )
    expect(stored.ContentDisposition).toContain("filename*=UTF-8''Budget%20%C3%A9t%C3%A9.pdf")
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('share-file-uploaded')

    app.ports.nextChosenFiles.push([local])
    await press(tab().getByRole('button', { name: 'Choose files…' }), 'Enter')
    await press(tab().getByRole('button', { name: 'Upload and make the link' }), 'Enter')
    await tab()
      .getByRole('alert')
      .getByText(/reports\/Budget été\.pdf is already in the bucket/)
      .waitFor()
    await page().emulateMedia({ colorScheme: 'dark' })
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('share-file-name-taken-dark')
    await page().emulateMedia({ colorScheme: 'light' })
    await press(tab().getByRole('button', { name: 'Keep both' }), 'Enter')
    await tab().getByLabel('Link to reports/Budget été (2).pdf').waitFor()
  })

  it('takes files dropped on the panel, explains a dropped folder, and makes the links', async () => {
    writeFileSync(join(dir, 'dropped notes.txt'), 'n'.repeat(500))
    mkdirSync(join(dir, 'a folder'))
    await page().evaluate((where) => {
      ;(window as unknown as { __keyfrontTestDropDir: string }).__keyfrontTestDropDir = where
    }, dir)
    const zone = tab().getByRole('region', { name: 'Share a file from this computer' })
    const data = await page().evaluateHandle(() => {
      const transfer = new DataTransfer()
      transfer.items.add(new File(['n'], 'dropped notes.txt', { type: 'text/plain' }))
      transfer.items.add(new File([''], 'a folder'))
      return transfer
    })
    await zone.dispatchEvent('dragover', { dataTransfer: data })
    await zone.dispatchEvent('drop', { dataTransfer: data })
    await zone.getByRole('list', { name: 'Files to upload' }).getByText('dropped notes.txt').waitFor()
    await zone.getByText(/^One item was not a file Keyfront can upload \(a folder, say\)/).waitFor()
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('share-file-dropped')

    await press(zone.getByRole('button', { name: 'Upload and make the link' }), 'Enter')
    await zone.getByLabel('Link to reports/dropped notes.txt').waitFor()
    const stored = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: `${ORIGIN_PATH}reports/dropped notes.txt` }),
    )
    expect(stored.ContentType).toBe('text/plain; charset=utf-8')
  })
})
