// "New distribution for a private bucket" in Chromium over the real core and moto_server: pick a
// bucket, see its protection and the aws/s3 encryption warning, review the plan and the policy
// diff, agree, create — then continue into restricting it to signed links, up to that plan.
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3'
import { GetDistributionConfigCommand, CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { existingPolicy, makeBucket } from '../unit/origin/moto-setup.ts'
import { withoutInsertion } from '../unit/origin/policy-bytes.ts'

let moto: Moto
let app: E2eApp
let s3: S3Client

beforeAll(async () => {
  moto = await startMoto()
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
  s3 = new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true, credentials })
  const world = { s3: () => s3 }
  await makeBucket(world, 'team-photos', {
    policy: existingPolicy('team-photos'),
    blockPublicAccess: true,
    encryption: { algorithm: 'aws:kms' },
  })
  await makeBucket(world, 'old-logs')
  app = await launchApp({ env: moto.env })
})
afterAll(async () => {
  await app.close()
  await closeBrowser()
  await moto.stop()
})

async function checkScreen(name: string): Promise<void> {
  expect(await app.seriousA11yViolations()).toEqual([])
  await app.screenshot(`new-distribution-${name}`)
}

describe('new distribution for a private bucket', () => {
  it('goes from a private bucket to a distribution, then into restricting it to signed links', async () => {
    const { page } = app
    const heading = (name: string) => page.getByRole('heading', { level: 3, name })
    await page.getByRole('navigation').getByRole('button', { name: 'Distributions' }).click()
    await page.getByRole('button', { name: 'New distribution for a private bucket' }).first().click()

    await heading('Which bucket holds the files?').waitFor()
    await page.getByRole('radio', { name: /team-photos/ }).waitFor()
    await expect(page.getByRole('radio', { name: /old-logs — us-east-1/ }).count()).resolves.toBe(1)
    await checkScreen('1-bucket')
    await page.getByLabel('Bucket name').fill('team')
    await expect(page.getByRole('radio').count()).resolves.toBe(1)
    await page.getByRole('radio', { name: /team-photos/ }).check()
    await page.getByRole('button', { name: 'Check this bucket' }).click()

    await heading('How the bucket is protected').waitFor()
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'How the bucket is protected',
    )
    await page.getByText('Blocked — files are reachable only with permission').waitFor()
    await page.getByText('Warning: CloudFront cannot read objects encrypted with the aws/s3 key').waitFor()
    await page.getByRole('checkbox', { name: /Show a file/ }).check()
    await expect(page.getByLabel('File name').inputValue()).resolves.toBe('index.html')
    await checkScreen('2-check')
    await page.getByRole('button', { name: 'Review the plan' }).click()

    await heading('Review what Keyfront will do').waitFor()
    const create = page.getByRole('button', { name: 'Create the distribution' })
    await expect(create.isDisabled()).resolves.toBe(true)
    const diff = await page.locator('pre.nd-diff').innerText()
    expect(diff).toContain('+       "Sid": "KeyfrontCloudFrontReadNEWDISTRIBUTION",')
    expect(diff).toMatch(/… \d+ unchanged lines …/)
    expect(diff).not.toMatch(/^−/m)
    await checkScreen('3-plan')
    await page.getByRole('checkbox', { name: /I agree to change the policy of bucket team-photos/ }).check()
    await create.click()

    await heading('Your distribution is being created').waitFor()
    const rows = page.locator('table.nd-resources tbody tr')
    await expect(rows.count()).resolves.toBe(3)
    const distributionId = (await rows.nth(1).locator('td').nth(1).innerText()).trim()
    expect(distributionId).toMatch(/^[A-Z0-9]+$/)
    await expect(rows.nth(2).locator('td').nth(1).innerText()).resolves.toBe(
      `KeyfrontCloudFrontRead${distributionId}`,
    )
    const policy = (await s3.send(new GetBucketPolicyCommand({ Bucket: 'team-photos' }))).Policy ?? ''
    expect(withoutInsertion(existingPolicy('team-photos'), policy)).toBe(existingPolicy('team-photos'))
    const cf = new CloudFrontClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    const { DistributionConfig } = await cf.send(new GetDistributionConfigCommand({ Id: distributionId }))
    expect(DistributionConfig?.DefaultRootObject).toBe('index.html')
    await page.getByRole('button', { name: 'Copy statement' }).waitFor()
    await checkScreen('4-done')

    await page.getByRole('button', { name: 'Continue: restrict it to signed links' }).click()
    await page.getByRole('heading', { level: 2, name: 'Restrict a distribution to signed links' }).waitFor()
    await page.getByRole('heading', { level: 3, name: 'Which paths need a signed link?' }).waitFor()
    await page.getByRole('checkbox', { name: /default/i }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { level: 3, name: 'Which key will sign the links?' }).waitFor()
    await page.getByLabel('Name').fill('Team photos')
    await page.getByRole('button', { name: 'Create key' }).click()
    await page.getByRole('radio', { name: /Team photos/ }).waitFor()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { level: 3, name: 'Review the changes' }).waitFor()
    await page.getByRole('button', { name: 'Apply these changes' }).waitFor()
    await expect(page.getByText(distributionId).count()).resolves.toBeGreaterThan(0)
    await checkScreen('5-onboarding-plan')
  })

  it('run again (dark mode), reuses everything, with nothing to agree to, and passes axe', async () => {
    const dark = await launchApp({ env: moto.env, colorScheme: 'dark' })
    try {
      const { page } = dark
      await page.getByRole('navigation').getByRole('button', { name: 'Distributions' }).click()
      await page.getByRole('button', { name: 'New distribution for a private bucket' }).first().click()
      await page.getByLabel('Bucket name').fill('team-photos')
      await page.getByRole('button', { name: 'Check this bucket' }).click()
      await page.getByRole('button', { name: 'Review the plan' }).click()
      await page.getByRole('heading', { level: 3, name: 'Review what Keyfront will do' }).waitFor()
      await expect(page.getByText('Reuse', { exact: true }).count()).resolves.toBe(2)
      await expect(page.getByRole('checkbox', { name: /I agree/ }).count()).resolves.toBe(0)
      await expect(page.locator('pre.nd-diff').count()).resolves.toBe(0)
      expect(await dark.seriousA11yViolations()).toEqual([])
      await dark.screenshot('new-distribution-dark-rerun-plan')
      await page.getByRole('button', { name: 'Finish setting it up' }).click()
      await page.getByRole('heading', { level: 3, name: 'Everything was in place already' }).waitFor()
      await page.getByText('Unless it is restricted to signed links already').waitFor()
      await expect(page.getByText('Already there', { exact: true }).count()).resolves.toBe(3)
      expect(await dark.seriousA11yViolations()).toEqual([])
      await dark.screenshot('new-distribution-dark-rerun-done')
    } finally {
      await dark.close()
    }
  })
})
