// The Distributions screen and the onboarding wizard in Chromium, over the real core, a real
// keychain and moto_server as CloudFront/STS: account → distribution → paths → key (made inline) →
// plan → apply → deployment → "Make a link to share". Checks what moto holds afterwards, axe on each
// step, screenshots of the plan and the result; then a deployment the app follows whatever screen is
// open, and still follows when it is started again.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEPLOYING_FILE } from '../../src/core/cloudfront/deployment.ts'
import { SIGNED_SITES_FILE } from '../../src/core/cloudfront/signed-sites.ts'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { createTestDistribution, deepDiff, directClient, readConfig } from '../unit/core/cloudfront/world.ts'

let moto: Moto
let app: E2eApp
let distributionId: string

beforeAll(async () => {
  moto = await startMoto()
  distributionId = await createTestDistribution(directClient(moto.endpoint), 'Quarterly reports')
  app = await launchApp({ env: moto.env })
})
afterAll(async () => {
  await app?.close()
  await closeBrowser()
  await moto.stop()
})

const page = () => app.page
const heading = (name: string | RegExp) => page().getByRole('heading', { name })

describe('Distributions screen', () => {
  it('shows the account in use and each distribution with who may read each path', async () => {
    await page().getByRole('navigation').getByRole('button', { name: 'Distributions' }).click()
    await page().getByText('123456789012', { exact: true }).waitFor()
    const card = page().getByRole('article').filter({ hasText: distributionId })
    await card.getByText('Quarterly reports', { exact: false }).waitFor()
    await expect
      .poll(() => card.getByRole('row').allInnerTexts())
      .toEqual([
        expect.stringMatching(/Path\s+Who may read/),
        expect.stringMatching(/Default \(every other path\)\s+Anyone — no signed link needed/),
        expect.stringMatching(/\/private\/\*\s+Anyone/),
        expect.stringMatching(/\/media\/\*\s+Anyone/),
      ])
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('distributions-list')
  })

  it('walks the wizard: account, distribution, paths, a key made inline, and shows the plan', async () => {
    await page().getByRole('button', { name: 'Restrict to signed links', exact: true }).click()
    await heading('Which AWS account?').waitFor()
    await page().getByRole('button', { name: 'Continue' }).click()

    await heading('Which distribution?').waitFor()
    await page()
      .getByRole('radio', { name: new RegExp(distributionId) })
      .check()
    await page().getByRole('button', { name: 'Continue' }).click()

    await heading('Which paths need a signed link?').waitFor()
    await expect(page().getByRole('checkbox').count()).resolves.toBe(3)
    await page()
      .getByRole('checkbox', { name: /\/media\/\*/ })
      .uncheck()
    expect(await app.seriousA11yViolations()).toEqual([])
    await page().getByRole('button', { name: 'Continue' }).click()

    await heading('Which key will sign the links?').waitFor()
    await page().getByText('You have no signing key yet').waitFor()
    await page().getByLabel('Name').fill('Quarterly reports key')
    await page().getByRole('button', { name: 'Create key' }).click()
    // The new key is listed (the key list is read again) a moment before the wizard selects it, so
    // wait for it to be selected rather than reading the radio once.
    await page()
      .getByRole('radio', { name: /Quarterly reports key/, checked: true })
      .waitFor()
    expect(await app.seriousA11yViolations()).toEqual([])
    await page().getByRole('button', { name: 'Continue' }).click()

    await heading('Review the changes').waitFor()
    await page().getByRole('button', { name: 'Apply these changes' }).waitFor()
    const rows = page().getByRole('table').getByRole('row')
    await expect
      .poll(() => rows.allInnerTexts())
      .toEqual([
        expect.stringMatching(/Path\s+Now\s+After/),
        expect.stringMatching(
          new RegExp(
            `Default \\(every other path\\)\\s+Anyone — no signed link needed\\s+keyfront-${distributionId}`,
          ),
        ),
        expect.stringMatching(
          new RegExp(`/private/\\*\\s+Anyone — no signed link needed\\s+keyfront-${distributionId}`),
        ),
      ])
    await page().getByText('Upload the public half of “Quarterly reports key”').waitFor()
    await page().getByText(`Create the key group “keyfront-${distributionId}”`).waitFor()
    // A review that restricts says how to undo it.
    await page()
      .getByText(
        'To undo it later: on Distributions, choose Stop requiring signed links… on this distribution.',
      )
      .waitFor()
    await expect(page().getByRole('note', { name: 'Before you apply' }).innerText()).resolves.toMatch(
      /403 Forbidden/,
    )
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('distributions-plan')
  })

  it('applies, follows the deployment and offers a test link', async () => {
    const before = await readConfig(directClient(moto.endpoint), distributionId)
    await page().getByRole('button', { name: 'Apply these changes' }).click()
    await heading('Done: only signed links work now').waitFor()
    await page().getByText('Deployed: CloudFront serves the change everywhere.').waitFor()
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('distributions-result')

    const after = await readConfig(directClient(moto.endpoint), distributionId)
    expect(deepDiff(before, after).filter((path) => !path.includes('.TrustedKeyGroups'))).toEqual([])
    expect(after.DefaultCacheBehavior?.TrustedKeyGroups?.Quantity).toBe(1)
    expect(after.CacheBehaviors?.Items?.[0]?.TrustedKeyGroups?.Quantity).toBe(1)
    expect(after.CacheBehaviors?.Items?.[1]?.TrustedKeyGroups).toEqual(
      before.CacheBehaviors?.Items?.[1]?.TrustedKeyGroups,
    )
    const [key] = await app.keyfront.keys.list()
    expect(key?.keyPairId).toMatch(/^[A-Z0-9]+$/)

    await page().getByRole('button', { name: 'Make a link to share' }).click()
    await expect(page().getByRole('heading', { level: 1 }).innerText()).resolves.toBe('New link')
  })

  it('lists the distribution as restricted afterwards, and its key group on request', async () => {
    await page().getByRole('navigation').getByRole('button', { name: 'Distributions' }).click()
    const card = page().getByRole('article').filter({ hasText: distributionId })
    await card.getByText(`keyfront-${distributionId}`).first().waitFor()
    await expect(card.getByRole('row').nth(3).innerText()).resolves.toMatch(/\/media\/\*\s+Anyone/)
    await app.screenshot('distributions-list-restricted')
  })
})

describe('a deployment still running', () => {
  let second: string

  it('is followed by the app wherever the user is, named by its site, and after a restart of the app', async () => {
    await fetch(`${moto.endpoint}/moto-api/state-manager/set-transition`, {
      method: 'POST',
      body: JSON.stringify({
        model_name: 'cloudfront::distribution',
        transition: { progression: 'manual', times: 1000 },
      }),
    })
    second = await createTestDistribution(directClient(moto.endpoint), 'Slow to deploy')
    const key = await app.keyfront.keys.create({ name: 'Slow key', type: 'ecdsa' })
    await app.keyfront.cloudfront.onboard({ distributionId: second, key: key.id })

    await page().getByRole('navigation').getByRole('button', { name: 'Keys' }).click()
    // The sidebar says so on every screen.
    await page().getByRole('navigation').getByText('Deploying', { exact: true }).waitFor()
    await page().getByRole('navigation').getByRole('button', { name: 'Distributions' }).click()
    const following = page().getByRole('region', { name: 'Deploying Slow to deploy' })
    await following.getByText('CloudFront says: InProgress').waitFor()
    await following.getByText(/so far · usually 5–15 minutes · last checked/).waitFor()
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('distributions-deploying')

    const restarted = await launchApp({
      env: moto.env,
      prepareDataDir: (dataDir) => {
        for (const file of [DEPLOYING_FILE, SIGNED_SITES_FILE]) {
          copyFileSync(join(app.dataDir, file), join(dataDir, file))
        }
      },
    })
    try {
      await restarted.page.getByRole('navigation').getByText('Deploying', { exact: true }).waitFor()
      await restarted.page.getByRole('navigation').getByRole('button', { name: 'Distributions' }).click()
      await restarted.page.getByRole('heading', { name: 'Deploying', exact: true }).waitFor()
      await restarted.page
        .getByRole('region', { name: 'Deploying Slow to deploy' })
        .getByText('CloudFront says: InProgress')
        .waitFor()
      await restarted.screenshot('distributions-deploying-after-restart')
    } finally {
      await restarted.close()
    }
  })
})
