// New link for someone who knows where the file is but not its URL: a distribution onboarded
// through the real core (moto_server as CloudFront) becomes a site, named by its comment; New link
// asks "Where is the file?", builds the address from a typed path (spaces and accents), signs with
// the site's key without asking for one, and History's site filter finds that link alone. Many links
// takes paths on the site too, and records the site on every link of the batch. Last, Distributions
// forgets the site (keyboard only, after a confirm): New link stops offering it, while CloudFront's
// configuration and History's links stay as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { createTestDistribution, directClient } from '../unit/core/cloudfront/world.ts'

let moto: Moto
let app: E2eApp
let distributionId: string
let domain: string
let siteKeyId: string

const page = () => app.page
const tab = () => page().getByRole('tabpanel')

async function open(area: string): Promise<void> {
  await page().getByRole('navigation').getByRole('button', { name: area }).click()
  await page().getByRole('heading', { level: 1, name: area }).waitFor()
}

async function expectAccessible(): Promise<void> {
  expect(await app.seriousA11yViolations()).toEqual([])
}

beforeAll(async () => {
  moto = await startMoto()
  distributionId = await createTestDistribution(directClient(moto.endpoint), 'Reports')
  app = await launchApp({ env: moto.env })
  // Another key first, so the form's choice of the site's key is visible.
  await app.keyfront.keys.create({ name: 'Other key', type: 'rsa' })
  await app.keyfront.keys.setKeyPairId('Other key', 'K2JCJMDEHXQW5F')
  siteKeyId = (await app.keyfront.keys.create({ name: 'Reports key', type: 'rsa' })).id
  await app.keyfront.cloudfront.onboard({ distributionId, key: siteKeyId })
  const [site] = await app.keyfront.cloudfront.sites()
  domain = site?.domainName ?? ''
})
afterAll(async () => {
  if (app) {
    for (const key of await app.keyfront.keys.list()) await app.keyfront.keys.delete(key.id)
    await app.close()
  }
  await closeBrowser()
  await moto.stop()
})

describe('New link for an onboarded site', () => {
  it('asks where the file is (the site named by its comment), builds the address from a typed path, and signs with the site’s key without asking', async () => {
    await open('New link')
    const where = tab().getByLabel('Where is the file?')
    await expect
      .poll(() => where.locator('option').allInnerTexts())
      .toEqual([`Reports — ${domain}`, 'Another address (paste a full link)'])
    await expect(tab().getByLabel('Signing key').count()).resolves.toBe(0)
    const siteKey = (await app.keyfront.keys.find(siteKeyId)).name
    await tab().getByText(`Made with “${siteKey}”, the key this site was set up with.`).waitFor()
    await tab().getByLabel('Path of the file').fill('/Informes/Q3 año.pdf')
    await expect(tab().locator('.link-path-preview').innerText()).resolves.toBe(
      `https://${domain}/Informes/Q3 año.pdf`,
    )
    await tab().getByLabel('Label (optional)').fill('Q3 for the board')
    await expectAccessible()
    await app.screenshot('site-links-form')

    await tab().getByRole('button', { name: 'Make link' }).click()
    await page().getByRole('heading', { name: 'Your link is ready — Q3 for the board' }).waitFor()
    const link = await page().getByLabel('Signed link').inputValue()
    const keyPairId = (await app.keyfront.keys.find(siteKeyId)).keyPairId ?? ''
    expect(link.startsWith(`https://${domain}/Informes/Q3%20a%C3%B1o.pdf?Expires=`)).toBe(true)
    expect(link).toContain(`&Key-Pair-Id=${keyPairId}&Signature=`)
    await expectAccessible()
    await app.screenshot('site-links-result')
  })

  it('still takes a pasted address ("Another address"), with no distribution recorded', async () => {
    await tab().getByRole('button', { name: 'Make another link' }).click()
    await tab()
      .getByLabel('Where is the file?')
      .selectOption({ label: 'Another address (paste a full link)' })
    await tab().getByLabel('Link to the file').fill('https://elsewhere.example.net/a.pdf')
    const other = (await app.keyfront.keys.find('Other key')).id
    await tab().getByLabel('Signing key').selectOption(other)
    await tab().getByLabel('Label (optional)').fill('Pasted one')
    await tab().getByRole('button', { name: 'Make link' }).click()
    await page().getByRole('heading', { name: 'Your link is ready — Pasted one' }).waitFor()
  })

  it('says what to type when a whole address is typed as the path', async () => {
    await tab().getByRole('button', { name: 'Make another link' }).click()
    await tab()
      .getByLabel('Where is the file?')
      .selectOption({ label: `Reports — ${domain}` })
    await tab().getByLabel('Path of the file').fill('https://other.example/x.pdf')
    await tab().getByRole('button', { name: 'Make link' }).click()
    await tab()
      .getByRole('alert')
      .getByText(/whole web address, not a path/)
      .waitFor()
  })

  it('History’s site filter, with the site’s name, finds only the site’s link', async () => {
    await open('History')
    const rows = () =>
      page()
        .getByRole('list', { name: /Links made with Keyfront/ })
        .getByRole('listitem')
    await expect.poll(() => rows().count()).toBe(2)
    const filter = page().getByLabel('Site', { exact: true })
    await filter.selectOption({ label: 'Reports' })
    await expect.poll(() => rows().count()).toBe(1)
    await expect(rows().first().innerText()).resolves.toContain('Q3 for the board')
    await expectAccessible()
    await app.screenshot('site-links-history-filter')
  })

  it('Many links signs paths on the site with its key, and the site filter finds the batch', async () => {
    await open('New link')
    await page().getByRole('tab', { name: 'Many links' }).click()
    const where = tab().getByLabel('Where are the files?')
    await expect(where.locator('option:checked').innerText()).resolves.toBe(`Reports — ${domain}`)
    await expect(tab().getByLabel('Signing key').count()).resolves.toBe(0)
    await tab().getByLabel('Paths of the files, one per line').fill('Informes/Q4 año.pdf\n/data/b.csv\n')
    await tab().getByText(`2 paths. Each becomes https://${domain}/`).waitFor()
    await expectAccessible()
    await app.screenshot('site-links-batch-form')

    await tab().getByRole('button', { name: 'Sign 2 links' }).click()
    await tab()
      .getByRole('heading', { name: /^Signed 2 links in/ })
      .waitFor()
    const out = (await tab().getByLabel('Signed links, one per line').inputValue()).split('\n')
    expect(out).toHaveLength(2)
    expect(out[0]?.startsWith(`https://${domain}/Informes/Q4%20a%C3%B1o.pdf?Expires=`)).toBe(true)
    expect(out[1]?.startsWith(`https://${domain}/data/b.csv?Expires=`)).toBe(true)
    await expectAccessible()
    await app.screenshot('site-links-batch-result')

    await open('History')
    const rows = () =>
      page()
        .getByRole('list', { name: /Links made with Keyfront/ })
        .getByRole('listitem')
    await expect.poll(() => rows().count()).toBe(4)
    await page().getByLabel('Site', { exact: true }).selectOption({ label: 'Reports' })
    await expect.poll(() => rows().count()).toBe(3)
    const texts = (await rows().allInnerTexts()).join('\n')
    expect(texts).toContain('Q4 año.pdf')
    expect(texts).toContain('data/b.csv')
    await expectAccessible()
  })

  it('Distributions forgets the site here only: New link stops offering it, AWS and History unchanged', async () => {
    const trustBefore = (await app.keyfront.cloudfront.distributions()).find((d) => d.id === distributionId)
    expect(trustBefore?.behaviors.every((b) => b.trustedKeyGroups.length === 1)).toBe(true)
    await open('Distributions')
    const sites = page().getByRole('region', { name: 'Sites on this computer' })
    await expect
      .poll(() => sites.getByRole('listitem').allInnerTexts())
      .toEqual([expect.stringContaining(domain)])
    const forget = sites.getByRole('button', { name: `Forget ${domain}…` })

    // Keyboard only: the confirm opens on "Keep it", which closes it and returns to the button.
    await forget.focus()
    await page().keyboard.press('Enter')
    const question = sites.getByRole('group', { name: `Forget ${domain}?` })
    await expect(question.innerText()).resolves.toContain(
      'only removes it from this computer’s list, so New link stops offering it — nothing changes in AWS, and its links stay in History',
    )
    await expect(
      question.getByRole('button', { name: 'Keep it' }).evaluate((b) => b === document.activeElement),
    ).resolves.toBe(true)
    await expectAccessible()
    await app.screenshot('site-links-forget-confirm')
    await page().keyboard.press('Enter')
    await question.waitFor({ state: 'detached' })
    await expect(forget.evaluate((b) => b === document.activeElement)).resolves.toBe(true)
    expect(await app.keyfront.cloudfront.sites()).toHaveLength(1)

    await page().keyboard.press('Enter')
    await page().keyboard.press('Shift+Tab')
    await expect(
      question.getByRole('button', { name: 'Forget site' }).evaluate((b) => b === document.activeElement),
    ).resolves.toBe(true)
    await page().keyboard.press('Enter')
    await sites.getByRole('status').getByText(`Forgot ${domain}. New link no longer offers it.`).waitFor()
    await sites.getByText('No site is remembered on this computer.').waitFor()
    await expect(
      sites
        .getByRole('heading', { name: 'Sites on this computer' })
        .evaluate((h) => h === document.activeElement),
    ).resolves.toBe(true)
    await expect(sites.getByRole('listitem').count()).resolves.toBe(0)
    expect(await app.keyfront.cloudfront.sites()).toEqual([])
    await expectAccessible()
    await app.screenshot('site-links-forgotten')

    const trustAfter = (await app.keyfront.cloudfront.distributions()).find((d) => d.id === distributionId)
    expect(trustAfter?.behaviors).toEqual(trustBefore?.behaviors)

    await open('New link')
    await tab().getByLabel('Link to the file').waitFor()
    await expect(tab().getByLabel('Where is the file?').count()).resolves.toBe(0)
    await open('History')
    await expect
      .poll(() =>
        page()
          .getByRole('list', { name: /Links made with Keyfront/ })
          .getByRole('listitem')
          .count(),
      )
      .toBe(4)
  })
})
