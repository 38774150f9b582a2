// First run in Chromium over the real core, a real keychain and moto_server (S3 + CloudFront). With
// no key Keyfront opens on the welcome, and each of its starting points lands in its flow; the
// onboarding wizard reached from it ends by testing a link to a file the user names. moto has no
// edge, so a small local server plays the file's CloudFront address: it checks the signature as
// CloudFront does (canned policy, SHA-1, the trusted public key) and answers 206, CloudFront's 403
// XML, or S3's 403 for a file the bucket does not hold. With a key, the app opens on New link.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { GetDistributionCommand } from '@aws-sdk/client-cloudfront'
import { verify } from 'node:crypto'
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { createTestDistribution, directClient } from '../unit/core/cloudfront/world.ts'

interface Edge {
  origin: string
  /** The public keys the played distribution trusts, by Key-Pair-Id. */
  trusted: Map<string, string>
  /** The request URLs it received, as sent. */
  requests: string[]
  close(): void
}

/** Plays CloudFront in front of a private bucket that holds one file, /reports/q3.pdf. */
async function startEdge(): Promise<Edge> {
  const trusted = new Map<string, string>()
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(request.url ?? '')
    const url = new URL(request.url ?? '/', origin)
    const params = url.searchParams
    const headers = { 'content-type': 'text/xml', 'x-amz-cf-id': 'played-edge' }
    const refuse = (code: string, message: string) =>
      response
        .writeHead(403, headers)
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
        )
    const keyPairId = params.get('Key-Pair-Id')
    if (!keyPairId) return refuse('MissingKey', 'Missing Key-Pair-Id query parameter or cookie value')
    const publicKey = trusted.get(keyPairId)
    if (!publicKey) return refuse('InvalidKey', 'Unknown Key')
    const expires = Number(params.get('Expires'))
    const policy = `{"Statement":[{"Resource":"${origin}${url.pathname}","Condition":{"DateLessThan":{"AWS:EpochTime":${expires}}}}]}`
    const signature = Buffer.from(
      (params.get('Signature') ?? '').replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'),
      'base64',
    )
    if (expires < Date.now() / 1000 || !verify('sha1', Buffer.from(policy), publicKey, signature)) {
      return refuse('AccessDenied', 'Access denied')
    }
    if (url.pathname !== '/reports/q3.pdf') {
      return response
        .writeHead(403, { ...headers, 'content-type': 'application/xml' })
        .end(
          '<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId><HostId>H1</HostId></Error>',
        )
    }
    response.writeHead(206, {
      ...headers,
      'content-range': 'bytes 0-0/48213',
      'content-type': 'application/pdf',
    })
    response.end('%')
  })
  const origin = await new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
    }),
  )
  return { origin, trusted, requests, close: () => server.close() }
}

let moto: Moto
let edge: Edge
let app: E2eApp
let distributionId: string

beforeAll(async () => {
  moto = await startMoto()
  edge = await startEdge()
  distributionId = await createTestDistribution(directClient(moto.endpoint), 'Team files')
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  await s3.send(new CreateBucketCommand({ Bucket: 'team-files' }))
  app = await launchApp({ env: moto.env })
})
afterAll(async () => {
  await app?.close()
  await closeBrowser()
  edge?.close()
  await moto?.stop()
})

const page = () => app.page
const h1 = () => page().getByRole('heading', { level: 1 }).innerText()
const welcomePath = (name: string) => page().getByRole('button', { name, exact: true })

async function checkScreen(name: string): Promise<void> {
  expect(await app.seriousA11yViolations()).toEqual([])
  await app.screenshot(`first-run-${name}`)
}

/** Back to the welcome the way a user finds it again: New link's empty state. */
async function backToWelcome(): Promise<void> {
  await page().getByRole('navigation').getByRole('button', { name: 'New link' }).click()
  await page().getByRole('heading', { name: 'Add a signing key first' }).waitFor()
  await page().getByRole('button', { name: 'Help me get started' }).click()
  await page().getByRole('heading', { level: 1, name: 'Welcome to Keyfront' }).waitFor()
}

describe('first run, with no key', () => {
  it('opens on the welcome: four starting points in plain words, none of the areas current', async () => {
    await page().getByRole('heading', { level: 1, name: 'Welcome to Keyfront' }).waitFor()
    await page().getByRole('heading', { level: 2, name: 'Where are you starting from?' }).waitFor()
    await expect
      .poll(() => page().locator('.welcome-path-button').allInnerTexts())
      .toEqual([
        'I have a private S3 bucket',
        'My CloudFront distribution already exists',
        'A colleague sent me a setup file',
        'I already have a key, or someone gave me one',
      ])
    await expect(page().getByRole('navigation').locator('[aria-current="page"]').count()).resolves.toBe(0)
    await expect(page().getByRole('navigation').getByRole('button').count()).resolves.toBe(6)
    await checkScreen('welcome')
  })

  it('is keyboard-usable: focus starts on the heading, Tab reaches the first path, Enter opens the bucket flow', async () => {
    await expect(page().evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1')
    await page().keyboard.press('Tab')
    await expect(page().evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'I have a private S3 bucket',
    )
    const outline = await page().evaluate(
      // The ring is drawn around the whole card (the button's ::after covers it).
      () => getComputedStyle(document.activeElement as HTMLElement, '::after').outlineStyle,
    )
    expect(outline).not.toBe('none')
    await page().keyboard.press('Enter')
    await expect(h1()).resolves.toBe('Distributions')
  })

  it('"I have a private S3 bucket" opens New distribution for a private bucket, with the account\'s buckets', async () => {
    await page().getByRole('heading', { level: 2, name: 'New distribution for a private bucket' }).waitFor()
    await page().getByRole('heading', { level: 3, name: 'Which bucket holds the files?' }).waitFor()
    await page()
      .getByRole('radio', { name: /team-files/ })
      .waitFor()
    // Opened straight from the welcome, the flow says which AWS account the distribution goes into.
    await page()
      .getByRole('region', { name: 'AWS account' })
      .getByText('123456789012', { exact: true })
      .waitFor()
    await expect(page().getByRole('navigation').locator('[aria-current="page"]').innerText()).resolves.toBe(
      'Distributions',
    )
    await checkScreen('new-bucket')
    await page().getByRole('button', { name: 'Cancel' }).click()
    await page().getByRole('button', { name: 'Restrict to signed links', exact: true }).waitFor()
  })

  it('"I already have a key" opens the import form on Keys', async () => {
    await backToWelcome()
    await welcomePath('I already have a key, or someone gave me one').click()
    await expect(h1()).resolves.toBe('Keys')
    await page().getByRole('heading', { level: 2, name: 'Import a signing key' }).waitFor()
    await checkScreen('import-key')
  })

  it('"A colleague sent me a setup file" opens Import setup on Keys', async () => {
    await backToWelcome()
    await welcomePath('A colleague sent me a setup file').click()
    await expect(h1()).resolves.toBe('Keys')
    await page().getByRole('heading', { level: 2, name: 'Import a setup from a colleague' }).waitFor()
    await checkScreen('import-setup')
  })

  it('"My CloudFront distribution already exists" opens the onboarding wizard at its first step', async () => {
    await backToWelcome()
    await welcomePath('My CloudFront distribution already exists').click()
    await expect(h1()).resolves.toBe('Distributions')
    await page().getByRole('heading', { level: 2, name: 'Restrict a distribution to signed links' }).waitFor()
    await page().getByRole('heading', { level: 3, name: 'Which AWS account?' }).waitFor()
    await page().getByText('123456789012', { exact: true }).waitFor()
    await checkScreen('onboard')
  })
})

describe('the end of onboarding: a link to a file the user names, tested live', () => {
  let domainName: string

  it('walks the wizard with a key made inline, through to the deployed distribution', async () => {
    const heading = (name: string) => page().getByRole('heading', { level: 3, name })
    await page().getByRole('button', { name: 'Continue' }).click()
    await page()
      .getByRole('radio', { name: new RegExp(distributionId) })
      .check()
    await page().getByRole('button', { name: 'Continue' }).click()
    await heading('Which paths need a signed link?').waitFor()
    await page().getByRole('button', { name: 'Continue' }).click()
    await heading('Which key will sign the links?').waitFor()
    await page().getByLabel('Name').fill('Team files key')
    await page().getByRole('button', { name: 'Create key' }).click()
    await page()
      .getByRole('radio', { name: /Team files key/ })
      .waitFor()
    await page().getByRole('button', { name: 'Continue' }).click()
    await page().getByRole('button', { name: 'Apply these changes' }).click()
    await heading('Done: only signed links work now').waitFor()
    await page().getByRole('heading', { level: 3, name: 'Try it with one of your files' }).waitFor()
    const got = await directClient(moto.endpoint).send(new GetDistributionCommand({ Id: distributionId }))
    domainName = got.Distribution?.DomainName ?? ''
    expect(domainName).not.toBe('')
  })

  it("signs a link to the named path on the distribution's own address, and says when nobody answers there", async () => {
    // moto's *.cloudfront.net names do not resolve: the real distribution address, as built from the path.
    await page().getByLabel('File to test').fill('reports/q3.pdf')
    await page().getByRole('button', { name: 'Make a test link and try it' }).click()
    await page().getByText(`Keyfront could not reach ${domainName}.`).waitFor()
    const { entries } = app.keyfront.history.list({ limit: 10 })
    expect(entries.map((entry) => entry.url)).toEqual([`https://${domainName}/reports/q3.pdf`])
    expect(entries[0]?.label).toBe(`Test link after setting up ${domainName}`)
    expect(entries[0]?.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 600)
  })

  it('tests a working link live, and checks that the address without a signature is refused', async () => {
    const [key] = await app.keyfront.keys.list()
    edge.trusted.set(key?.keyPairId ?? '', await app.keyfront.keys.publicKeyPem(key?.id ?? ''))
    edge.requests.length = 0
    await page().getByLabel('File to test').fill(`${edge.origin}/reports/q3.pdf`)
    await page().getByRole('button', { name: 'Make a test link and try it' }).click()
    const status = page().locator('.test-link [role="status"]')
    await status.getByText('It works: your link opened the file.').waitFor()
    await status
      .getByText(/Without a signature, CloudFront refuses the same address \(MissingKey\)/)
      .waitFor()
    await status.getByText(/HTTP 206 .* from CloudFront/).waitFor()
    expect(edge.requests).toHaveLength(2)
    expect(edge.requests[0]).toMatch(/^\/reports\/q3\.pdf\?Expires=\d+&/)
    expect(edge.requests[0]).toMatch(/&Signature=[\w~-]+/)
    expect(edge.requests[1]).toBe('/reports/q3.pdf')
    await checkScreen('test-link-works')
  })

  it('says the bucket did not hand over a file it does not hold, and the link opens in the inspector', async () => {
    await page().getByLabel('File to test').fill(`${edge.origin}/reports/q4.pdf`)
    await page().getByRole('button', { name: 'Make a test link and try it' }).click()
    const status = page().locator('.test-link [role="status"]')
    await status.getByText(/CloudFront accepted your link, but the bucket did not hand over/).waitFor()
    await status.getByText(/HTTP 403 .* from the bucket, through CloudFront — AccessDenied/).waitFor()
    await checkScreen('test-link-missing-file')
    await page().getByRole('button', { name: 'Inspect this link' }).click()
    await expect(h1()).resolves.toBe('Inspect a link')
    await expect(page().getByLabel('Signed link or cookies').inputValue()).resolves.toMatch(
      new RegExp(`^${edge.origin}/reports/q4\\.pdf\\?Expires=`),
    )
  })

  it('opens on New link once a key exists, offering the onboarded distribution as a site', async () => {
    await page().reload()
    await page().getByRole('heading', { level: 1, name: 'New link' }).waitFor()
    await expect(page().getByRole('navigation').locator('[aria-current="page"]').innerText()).resolves.toBe(
      'New link',
    )
    await page().getByLabel('Where is the file?').waitFor()
    await page().getByLabel('Path of the file').waitFor()
  })
})

describe('the welcome in dark mode', () => {
  it('passes axe and follows the OS theme', async () => {
    const dark = await launchApp({ colorScheme: 'dark' })
    try {
      await dark.page.getByRole('heading', { level: 1, name: 'Welcome to Keyfront' }).waitFor()
      expect(await dark.seriousA11yViolations()).toEqual([])
      await dark.screenshot('first-run-welcome-dark')
    } finally {
      await dark.close()
    }
  })
})
