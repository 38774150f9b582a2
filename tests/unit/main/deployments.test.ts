// Deployments belong to the app, not to a screen: main follows every distribution still deploying —
// from its start, after a restart, one changed in the app meanwhile, one the CLI changed — sends
// each poll to the window, and says Deployed with a system notification named by the site. Run over
// the fake `electron` module (Electron's binary cannot be downloaded or run on these machines), which
// records each Notification; CloudFront is the REST-XML double, whose distributions stay InProgress
// for as many polls as a test says. The core under main is real, in a temporary data folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Keyfront } from '../../../src/core/app.ts'
import { createAwsClientFactory } from '../../../src/core/aws/clients.ts'
import { DeployingStore } from '../../../src/core/cloudfront/deployment.ts'
import { SignedSites } from '../../../src/core/cloudfront/signed-sites.ts'
import { watchDeployments, type DeploymentWatch } from '../../../src/main/deployments.ts'
import type { DeploymentProgress } from '../../../src/shared/contract/cloudfront.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../../harness/cloudfront-double.ts'
import { createTestKeyfront } from '../../harness/keyfront.ts'
import { createTestDistribution, directClient, memoryKeychain } from '../core/cloudfront/world.ts'

// Generous: a loaded CI machine may take seconds to poll; the test waits for what happens, not how fast.
const PATIENCE = { timeout: 15_000 }

vi.mock('electron', () => import('../../mocks/electron.ts'))

type Fake = typeof import('../../mocks/electron.ts')

let double: CloudFrontDouble
let scratch: string

beforeAll(async () => {
  double = await startCloudFrontDouble()
  Object.assign(process.env, double.env)
})
afterAll(async () => {
  await double.stop()
})
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'keyfront-deployments-'))
})
afterEach(() => {
  rmSync(scratch, { recursive: true, force: true })
})

const polls = () => double.calls.filter((call) => call === 'GetDistribution').length

/** A distribution of the double, onboarded from here as a named site, and deploying since a minute ago. */
async function deployingSite(dataDir: string, name?: string): Promise<string> {
  const id = await createTestDistribution(directClient(double.endpoint))
  const record = double.distributions.get(id)!
  record.pollsLeft = 1_000_000
  await new SignedSites(dataDir).remember({
    distributionId: id,
    domainName: record.domainName,
    aliases: [],
    keyId: 'k1',
    keyPairId: 'K2JCJMDEHXQW5F',
    keyGroupId: 'kg-1',
    keyGroupName: `keyfront-${id}`,
    restrictedPaths: ['*'],
    accountId: '210987654321',
    onboardedAt: Date.now(),
    ...(name && { name }),
  })
  await new DeployingStore(dataDir).add({ distributionId: id, since: Date.now() - 60_000 })
  return id
}

describe('main follows deployments from its start (fake electron)', () => {
  async function startMain(userData: string): Promise<Fake> {
    vi.resetModules()
    const electron = (await import('electron')) as unknown as Fake
    electron.resetElectron()
    electron.app.userData = userData
    electron.app.whenReady.mockResolvedValue(undefined)
    await import('../../../src/main/index.ts')
    await vi.waitFor(() => expect(electron.BrowserWindow.created).toHaveLength(1), PATIENCE)
    return electron
  }

  /** What main sent the window as `cloudfront.deployment`. */
  function sentProgress(electron: Fake): DeploymentProgress[] {
    const window = electron.BrowserWindow.created[0]!
    return window.webContents.send.mock.calls
      .filter(([event]) => event === 'cloudfront.deployment')
      .map(([, payload]) => payload as DeploymentProgress)
  }

  it('survives a restart mid-deploy, and notifies Deployed by the site’s name', async () => {
    const userData = join(scratch, 'Keyfront')
    mkdirSync(userData)
    const id = await deployingSite(userData, 'Quarterly reports')

    const first = await startMain(userData)
    await vi.waitFor(() => expect(sentProgress(first).length).toBeGreaterThan(0), PATIENCE)
    expect(sentProgress(first)[0]).toMatchObject({ distributionId: id, status: 'InProgress', done: false })
    first.app.emit('will-quit')
    const polled = polls()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(polls()).toBe(polled)
    expect(first.Notification.shown).toEqual([])

    // Deployed while the app was closed: the next start finds it, polls once, and says so.
    double.distributions.get(id)!.pollsLeft = 0
    const second = await startMain(userData)
    await vi.waitFor(() => expect(second.Notification.shown).toHaveLength(1), PATIENCE)
    expect(second.Notification.shown[0]).toEqual({
      title: 'Quarterly reports is deployed',
      body: 'CloudFront now serves the change everywhere (after 1 minute).',
    })
    expect(sentProgress(second).at(-1)).toMatchObject({ distributionId: id, status: 'Deployed', done: true })
    second.app.emit('will-quit')
    expect(await new DeployingStore(userData).list()).toEqual([])
  })

  it('shows no notification when Settings turn notifications off', async () => {
    const userData = join(scratch, 'Keyfront')
    mkdirSync(userData)
    const id = await deployingSite(userData)
    double.distributions.get(id)!.pollsLeft = 0
    const kf = createTestKeyfront({ dataDir: userData, keychain: memoryKeychain() })
    await kf.settings.update({ notifications: false })
    kf.close()

    const electron = await startMain(userData)
    await vi.waitFor(() => expect(sentProgress(electron).at(-1)).toMatchObject({ done: true }), PATIENCE)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(electron.Notification.shown).toEqual([])
    electron.app.emit('will-quit')
  })
})

describe('the watcher', () => {
  let kf: Keyfront
  let watch: DeploymentWatch | undefined
  const notified: { title: string; body: string }[] = []
  const events: DeploymentProgress[] = []

  beforeEach(() => {
    kf = createTestKeyfront({
      dataDir: scratch,
      keychain: memoryKeychain(),
      aws: createAwsClientFactory({ maxAttempts: 1 }),
    })
    notified.length = 0
    events.length = 0
  })
  afterEach(() => {
    watch?.stop()
    kf.close()
  })

  const start = (options: { rescanMs?: number; retryMs?: number } = {}) =>
    (watch = watchDeployments({
      cloudfront: kf.cloudfront,
      settings: kf.settings,
      emit: (event, payload) => {
        if (event === 'cloudfront.deployment') events.push(payload as DeploymentProgress)
      },
      notify: (title, body) => notified.push({ title, body }),
      log: () => {},
      intervalMs: 20,
      ...options,
    }))

  it('follows a change made in the app at once, polling once however many screens wait', async () => {
    start()
    const key = await kf.keys.create({ name: 'watched', type: 'ecdsa' })
    const id = await createTestDistribution(directClient(double.endpoint), 'Team files')
    const before = polls()
    // Onboarding's UpdateDistribution puts it InProgress for the double's deployPolls polls.
    double.deployPolls = 3
    await kf.cloudfront.onboard({ distributionId: id, key: key.id })
    await vi.waitFor(() => expect(events.length).toBeGreaterThan(0), PATIENCE)
    // A screen waiting too (cloudfront.waitDeployed) joins the same poll.
    const screen = kf.cloudfront.waitDeployed(id)
    await vi.waitFor(() => expect(notified).toHaveLength(1), PATIENCE)
    await screen
    double.deployPolls = 2
    expect(notified[0]?.title).toBe('Team files is deployed')
    expect(events.length).toBeGreaterThan(1)
    expect(events.map((e) => e.polls)).toEqual(events.map((_, index) => index + 1))
    expect(events.at(-1)).toMatchObject({ status: 'Deployed', done: true })
    // Onboarding reads the distribution twice itself; every other GetDistribution was one poll.
    expect(polls() - before).toBe(2 + events.length)
  })

  it('picks up a deployment another process recorded when it reads the list again', async () => {
    start({ rescanMs: 50 })
    const id = await createTestDistribution(directClient(double.endpoint))
    double.distributions.get(id)!.pollsLeft = 0
    // What the CLI does, in its own process: nothing here hears of it but the file.
    const file = join(scratch, 'cloudfront-deploying.json')
    writeFileSync(
      file,
      JSON.stringify({ version: 1, deploying: [{ distributionId: id, since: Date.now() }] }),
    )
    await vi.waitFor(() => expect(notified).toHaveLength(1), PATIENCE)
    // No site here: named by the address CloudFront reported.
    expect(notified[0]?.title).toBe(`${double.distributions.get(id)!.domainName} is deployed`)
  })

  it('tries again after a failed poll instead of giving up', async () => {
    const id = await deployingSite(scratch)
    double.distributions.get(id)!.pollsLeft = 0
    double.inject({ operation: 'GetDistribution', kind: 'server-error', times: 2 })
    start({ retryMs: 20 })
    await vi.waitFor(() => expect(notified).toHaveLength(1), PATIENCE)
    expect(await kf.cloudfront.deploying()).toEqual([])
  })
})
