// "New distribution for a private bucket" in Chromium over the real core, a real keychain and
// moto_server: one flow that is never unsafe. With no AWS access it starts with the way in (an access
// key, added to the keychain) and the permissions it needs. Then bucket (aws/s3 encryption: a choice
// must be made) → a key made inline → the plan, agreed to → create (the distribution trusts the key
// group from its CreateDistribution on) → deploy, followed by the app (the sidebar says Deploying; a
// notification says Deployed) → the test of a link, run by itself once deployed — "Done" only then.
// moto has no edge, so a small local server plays the file's CloudFront address (206 to a signed
// request, CloudFront's MissingKey to an unsigned one). A second run reuses everything.
import { GetBucketEncryptionCommand, GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3'
import { CloudFrontClient, GetDistributionConfigCommand } from '@aws-sdk/client-cloudfront'
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { existingPolicy, makeBucket } from '../unit/core/origin/moto-setup.ts'
import { withoutInsertion } from '../unit/core/origin/policy-bytes.ts'
import { AWS_MANAGED_KEY } from '../../src/shared/aws-managed-key.ts'

/** Plays CloudFront in front of the bucket: a file for a signed request, MissingKey otherwise. */
async function startEdge(): Promise<{ origin: string; requests: string[]; close(): void }> {
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(request.url ?? '')
    const headers = { 'x-amz-cf-id': 'played-edge' }
    if (!new URL(request.url ?? '/', 'http://edge').searchParams.has('Signature')) {
      response
        .writeHead(403, { ...headers, 'content-type': 'text/xml' })
        .end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>MissingKey</Code><Message>Missing Key-Pair-Id query parameter or cookie value</Message></Error>',
        )
      return
    }
    response
      .writeHead(206, { ...headers, 'content-type': 'image/jpeg', 'content-range': 'bytes 0-0/1024' })
      .end('x')
  })
  const origin = await new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
    }),
  )
  return { origin, requests, close: () => server.close() }
}

const CREDENTIAL_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
]

let moto: Moto
let edge: Awaited<ReturnType<typeof startEdge>>
let app: E2eApp
let s3: S3Client

beforeAll(async () => {
  moto = await startMoto()
  edge = await startEdge()
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
  s3 = new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true, credentials })
  const world = { s3: () => s3 }
  await makeBucket(world, 'team-photos', {
    policy: existingPolicy('team-photos'),
    blockPublicAccess: true,
    encryption: { algorithm: 'aws:kms' },
  })
  await makeBucket(world, 'old-logs')
  // A new distribution stays InProgress for a few polls (the app polls every second here).
  await fetch(`${moto.endpoint}/moto-api/state-manager/set-transition`, {
    method: 'POST',
    body: JSON.stringify({
      model_name: 'cloudfront::distribution',
      transition: { progression: 'manual', times: 6 },
    }),
  })
  // No credentials at all: no environment keys, no AWS config files, no instance metadata.
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...endpoints } = moto.env
  for (const name of CREDENTIAL_ENV) delete process.env[name]
  app = await launchApp({
    env: {
      ...endpoints,
      AWS_CONFIG_FILE: '/nonexistent/keyfront-e2e/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/keyfront-e2e/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  })
})
afterAll(async () => {
  await app?.close()
  await closeBrowser()
  edge?.close()
  await moto?.stop()
})

const page = () => app.page
const heading = (name: string | RegExp) => page().getByRole('heading', { level: 3, name })

async function checkScreen(name: string, e2e: E2eApp = app): Promise<void> {
  expect(await e2e.seriousA11yViolations()).toEqual([])
  await e2e.screenshot(`new-distribution-${name}`)
}

describe('new distribution for a private bucket', () => {
  it('without AWS access starts with "Add an access key" and the permissions it needs, commands as code', async () => {
    // A first run: the welcome's "I have a private S3 bucket".
    await page().getByRole('button', { name: 'I have a private S3 bucket', exact: true }).click()
    await heading('Keyfront needs access to your AWS account').waitFor()
    const flow = page().getByRole('region', { name: 'New distribution for a private bucket' })
    await flow.getByRole('alert').getByText('No AWS credentials were found').waitFor()
    // Commands are set as code, never shown with their backticks.
    await expect(flow.innerText()).resolves.not.toContain('`')
    await expect(flow.locator('code', { hasText: 'aws configure' }).count()).resolves.toBeGreaterThan(0)
    const add = flow.getByRole('button', { name: 'Add an access key' })
    await expect(add.getAttribute('class')).resolves.toContain('primary')
    const permissions = flow.getByRole('region', { name: 'Permissions this needs' })
    const policy = await permissions.getByLabel('IAM policy').innerText()
    const statements = (
      JSON.parse(policy) as { Statement: { Sid: string; Action: string[]; Resource: string }[] }
    ).Statement
    expect(statements.map((s) => s.Sid)).toEqual([
      'FindTheBucket',
      'ReadAndShareTheBucket',
      'CreateAndRestrictTheDistribution',
      'KeysKeyGroupsAndOriginAccess',
    ])
    expect(statements[1]?.Action).toContain('s3:PutBucketPolicy')
    expect(statements[2]?.Action).toContain('cloudfront:CreateDistribution')
    await permissions.getByRole('button', { name: 'Copy policy' }).click()
    await permissions.getByText('Copied.').waitFor()
    await expect(page().evaluate(() => navigator.clipboard.readText())).resolves.toBe(policy)
    await checkScreen('0-no-access')

    await add.click()
    await page().getByLabel('Name', { exact: true }).fill('photos-admin')
    await page().getByLabel('Access key ID').fill('AKIAPHOTOSADMIN00001')
    await page().getByLabel('Secret access key').fill('photos-admin-secret-0001')
    await page().getByRole('button', { name: 'Save to keychain' }).click()
    await heading('Which bucket holds the files?').waitFor()
    await page()
      .getByRole('region', { name: 'AWS account' })
      .getByText('123456789012', { exact: true })
      .waitFor()
  })

  it('blocks at the aws/s3 encryption until a way on is chosen, and shows the permissions scoped to the account', async () => {
    await page().getByText('Permissions this needs').click()
    await expect(page().getByLabel('IAM policy').innerText()).resolves.toContain(
      '"s3:ResourceAccount": "123456789012"',
    )
    await page()
      .getByRole('radio', { name: /old-logs — us-east-1/ })
      .waitFor()
    await page().getByLabel('Bucket name').fill('team')
    await page()
      .getByRole('radio', { name: /team-photos/ })
      .check()
    await checkScreen('1-bucket')
    await page().getByRole('button', { name: 'Check this bucket' }).click()

    await heading('How the bucket is protected').waitFor()
    const choice = page().getByRole('group', {
      name: 'CloudFront cannot read files encrypted with the aws/s3 key',
    })
    // The one text the core and the CLI use too, in plain words, and the two ways on.
    await choice.getByText(`${AWS_MANAGED_KEY.explanation} ${AWS_MANAGED_KEY.choose}`).waitFor()
    await choice
      .locator('code', { hasText: 'aws s3 cp s3://team-photos/ s3://team-photos/ --recursive --sse AES256' })
      .waitFor()
    await choice.getByText(AWS_MANAGED_KEY.switchDetail, { exact: false }).waitFor()
    const next = page().getByRole('button', { name: 'Continue' })
    await expect(next.isDisabled()).resolves.toBe(true)
    const keep = choice.getByRole('radio', { name: new RegExp(AWS_MANAGED_KEY.keepLabel) })
    await choice.getByText(AWS_MANAGED_KEY.keepDetail).waitFor()
    await keep.check()
    await expect(next.isDisabled()).resolves.toBe(false)
    await choice.getByRole('radio', { name: /Switch the bucket’s default encryption to SSE-S3/ }).check()
    await expect(next.isDisabled()).resolves.toBe(false)
    await checkScreen('2-check-kms')
    await next.click()
  })

  it('has the key chosen (made here) before anything exists, then the plan to agree to', async () => {
    await heading('Which key will sign the links?').waitFor()
    await page().getByText('You have no signing key yet').waitFor()
    await page().getByLabel('Name', { exact: true }).fill('Team photos')
    await page().getByRole('button', { name: 'Create key' }).click()
    await page()
      .getByRole('radio', { name: /Team photos/, checked: true })
      .waitFor()
    await page()
      .getByRole('radio', { name: /Every file/, checked: true })
      .waitFor()
    await checkScreen('3-key')
    await page().getByRole('button', { name: 'Review the plan' }).click()

    await heading('Review what Keyfront will do').waitFor()
    await page()
      .getByRole('note')
      .getByText(
        'Only links signed with “Team photos” open the files, on every path, from the moment the distribution exists.',
      )
      .waitFor()
    await page().getByText('key group keyfront-team-photos').waitFor()
    // The permissions, now limited to this account and this bucket.
    await page().getByText('Permissions this needs').click()
    const scoped = await page().getByLabel('IAM policy').innerText()
    expect(scoped).toContain('"Resource": "arn:aws:s3:::team-photos"')
    expect(scoped).toContain('"s3:ResourceAccount": "123456789012"')
    expect(scoped).toContain('"Resource": "arn:aws:cloudfront::123456789012:distribution/*"')
    await page().getByText('Permissions this needs').click()
    const diff = await page().locator('pre.nd-diff').innerText()
    expect(diff).toContain('+       "Sid": "KeyfrontCloudFrontReadNEWDISTRIBUTION",')
    const create = page().getByRole('button', { name: 'Create the distribution' })
    await page()
      .getByRole('checkbox', { name: /I agree to change the policy of bucket team-photos/ })
      .check()
    await expect(create.isDisabled()).resolves.toBe(true)
    await page()
      .getByRole('checkbox', { name: /I agree to switch the default encryption/ })
      .check()
    await expect(create.isDisabled()).resolves.toBe(false)
    // Steps behind are ticked, the one shown is current, none ahead says done.
    const steps = page().getByRole('list', { name: 'Steps' })
    await expect(steps.innerText()).resolves.toMatch(
      /✓\s*Bucket\s*\(done\)\s*✓\s*Key\s*\(done\)\s*3\s*Review\s*4\s*Create/,
    )
    await checkScreen('4-review')
    await create.click()
  })

  it('creates it restricted, follows the deployment, then tries the named file by itself: Done', async () => {
    await heading('CloudFront is deploying the distribution').waitFor()
    const deploying = page().getByRole('region', { name: /^Deploying / })
    await deploying.getByText(/so far · usually 5–15 minutes/).waitFor()
    await page().getByLabel('File to try once it is deployed').fill(`${edge.origin}/photos/team.jpg`)
    // The app follows it: the sidebar says so, with the time so far beside the usual time.
    const sidebar = page().getByRole('navigation')
    await sidebar.getByText('Deploying', { exact: true }).waitFor()
    await sidebar.getByText(/^under a minute so far · usually 5–15 minutes$/).waitFor()
    // Not done yet: the steps say where it is, and nothing says Done.
    await expect(page().getByRole('list', { name: 'Steps' }).innerText()).resolves.toMatch(
      /Create\s*\(done\)\s*5\s*Deploy\s*6\s*Test\s*$/,
    )
    await expect(page().getByText(/^Done/).count()).resolves.toBe(0)
    await checkScreen('5-deploying')

    await heading('Done: only signed links open your files').waitFor({ timeout: 30_000 })
    const status = page().locator('.test-link [role="status"]')
    await status.getByText('It works: your link opened the file.').waitFor()
    await status
      .getByText(/Without a signature, CloudFront refuses the same address \(MissingKey\)/)
      .waitFor()
    expect(edge.requests).toHaveLength(2)
    await expect(page().getByRole('list', { name: 'Steps' }).innerText()).resolves.toMatch(/Test\s*\(done\)/)
    await page()
      .getByRole('navigation')
      .getByText('Deploying', { exact: true })
      .waitFor({ state: 'detached' })
    await checkScreen('6-done')

    const [site] = await app.keyfront.cloudfront.sites()
    expect(app.ports.notifications).toEqual([
      {
        title: `${site?.domainName} is deployed`,
        body: expect.stringMatching(/^CloudFront now serves the change/) as unknown,
      },
    ])
    const cf = new CloudFrontClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    const { DistributionConfig } = await cf.send(
      new GetDistributionConfigCommand({ Id: site?.distributionId }),
    )
    expect(DistributionConfig?.DefaultCacheBehavior?.TrustedKeyGroups).toEqual({
      Enabled: true,
      Quantity: 1,
      Items: [site?.keyGroupId],
    })
    const policy = (await s3.send(new GetBucketPolicyCommand({ Bucket: 'team-photos' }))).Policy ?? ''
    expect(withoutInsertion(existingPolicy('team-photos'), policy)).toBe(existingPolicy('team-photos'))
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'team-photos' }))
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
        ?.SSEAlgorithm,
    ).toBe('AES256')
    const [key] = await app.keyfront.keys.list()
    expect(key?.keyPairId).toBe(site?.keyPairId)
  })

  it('run again (dark mode) reuses everything, with nothing to agree to, and passes axe', async () => {
    await page().emulateMedia({ colorScheme: 'dark' })
    await page().getByRole('button', { name: 'Back to distributions' }).click()
    await page().getByRole('button', { name: 'New distribution for a private bucket' }).first().click()
    await page().getByLabel('Bucket name').fill('team-photos')
    await page().getByRole('button', { name: 'Check this bucket' }).click()
    await heading('How the bucket is protected').waitFor()
    await page().getByText('SSE-S3 (Amazon S3 managed keys) — fine for CloudFront').waitFor()
    await page().getByRole('button', { name: 'Continue' }).click()
    await page()
      .getByRole('radio', { name: /Team photos/ })
      .check()
    await page().getByRole('button', { name: 'Review the plan' }).click()
    await heading('Review what Keyfront will do').waitFor()
    await expect(page().getByText('Reuse', { exact: true }).count()).resolves.toBe(4)
    await expect(
      page()
        .getByRole('checkbox', { name: /I agree/ })
        .count(),
    ).resolves.toBe(0)
    await expect(page().locator('pre.nd-diff').count()).resolves.toBe(0)
    await checkScreen('dark-rerun-plan')
    await page().getByRole('button', { name: 'Finish setting it up' }).click()
    // Nothing changed, nothing deploys: straight on to trying a link.
    await heading('Check that it works').waitFor()
    await checkScreen('dark-rerun-test')
    await page().emulateMedia({ colorScheme: 'light' })
  })
})
