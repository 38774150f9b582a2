// The aws and cloudfront channels through the real router and handler table, over the real core
// and the CloudFront double: requests validated, deployment progress sent as events, a wait
// cancelled by another call, sites listed and forgotten here only, and no secret in any answer.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Keyfront } from '../../../../src/core/app.ts'
import { createAwsClientFactory } from '../../../../src/core/aws/clients.ts'
import { createHandlerTable } from '../../../../src/main/ipc/handlers.ts'
import { createRouter, type Dispatch } from '../../../../src/main/ipc/router.ts'
import type { DeploymentProgress, SignedSite } from '../../../../src/shared/contract/cloudfront.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../../../harness/cloudfront-double.ts'
import { createTestDistribution, directClient, memoryKeychain } from '../../core/cloudfront/world.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'

let double: CloudFrontDouble
let kf: Keyfront
let dispatch: Dispatch
let dataDir: string
const events: { event: string; payload: unknown }[] = []

beforeAll(async () => {
  double = await startCloudFrontDouble()
  Object.assign(process.env, double.env)
  dataDir = mkdtempSync(join(tmpdir(), 'keyfront-cf-ipc-'))
  kf = createTestKeyfront({
    dataDir,
    keychain: memoryKeychain(),
    aws: createAwsClientFactory({ maxAttempts: 1 }),
  })
  dispatch = createRouter(
    createHandlerTable(kf, {
      openExternal: async () => {},
      chooseSavePath: async () => undefined,
      emit: (event, payload) => events.push({ event, payload }),
    }),
  )
})
afterAll(async () => {
  kf.close()
  rmSync(dataDir, { recursive: true, force: true })
  await double.stop()
})

async function siteIds(): Promise<string[]> {
  const listed = await dispatch('cloudfront.sites', undefined)
  if (!listed.ok) throw new Error(`cloudfront.sites failed: ${listed.error.code}`)
  return (listed.value as SignedSite[]).map((site) => site.distributionId)
}

describe('aws and cloudfront channels', () => {
  it('validates requests before any AWS call', async () => {
    const calls = double.calls.length
    await expect(dispatch('cloudfront.distributions', { profile: 'two words' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    await expect(
      dispatch('cloudfront.onboard', { distributionId: 'e1; rm', key: 'k' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(double.calls.length).toBe(calls)
  })

  it('answers whoami and keeps an added access key’s secret out of every answer', async () => {
    await expect(dispatch('aws.whoami', { profile: undefined })).resolves.toMatchObject({
      ok: true,
      value: { accountId: '210987654321' },
    })
    const added = await dispatch('aws.addAccessKey', {
      name: 'office',
      accessKeyId: 'AKIAOFFICE0000000003',
      secretAccessKey: 'office-secret-value-123',
    })
    expect(added).toEqual({ ok: true, value: { name: 'office', kind: 'keychain', source: 'keyfront' } })
    const profiles = await dispatch('aws.profiles', undefined)
    expect(JSON.stringify(profiles)).not.toContain('office-secret-value-123')
  })

  it('sends deployment progress as events and resolves once Deployed', async () => {
    const id = await createTestDistribution(directClient(double.endpoint))
    const key = await kf.keys.create({ name: 'ipc', type: 'rsa' })
    await expect(dispatch('cloudfront.onboard', { distributionId: id, key: key.id })).resolves.toMatchObject({
      ok: true,
      value: { changed: true },
    })
    await expect(dispatch('cloudfront.deploying', undefined)).resolves.toMatchObject({
      ok: true,
      value: [{ distributionId: id }],
    })
    double.distributions.get(id)!.pollsLeft = 0
    const done = await dispatch('cloudfront.waitDeployed', { distributionId: id })
    expect(done).toMatchObject({ ok: true, value: { status: 'Deployed', done: true } })
    const progress = events
      .filter((e) => e.event === 'cloudfront.deployment')
      .map((e) => e.payload as DeploymentProgress)
    expect(progress.at(-1)).toMatchObject({ distributionId: id, status: 'Deployed', done: true })
  })

  it('cancels a wait from another call', async () => {
    const id = await createTestDistribution(directClient(double.endpoint))
    double.distributions.get(id)!.pollsLeft = 1_000_000
    const waiting = dispatch('cloudfront.waitDeployed', { distributionId: id })
    while (!events.some((e) => (e.payload as DeploymentProgress).distributionId === id)) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    await expect(dispatch('cloudfront.cancelWait', { distributionId: id })).resolves.toEqual({
      ok: true,
      value: { cancelled: true },
    })
    await expect(waiting).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
  })

  it('lists the sites onboarded here and forgets one without any CloudFront call', async () => {
    const id = await createTestDistribution(directClient(double.endpoint))
    const key = await kf.keys.create({ name: 'site', type: 'rsa' })
    await kf.cloudfront.onboard({ distributionId: id, key: key.id })
    expect(await siteIds()).toContain(id)

    const calls = double.calls.length
    await expect(dispatch('cloudfront.forgetSite', { distributionId: id })).resolves.toEqual({
      ok: true,
      value: { removed: true },
    })
    await expect(dispatch('cloudfront.forgetSite', { distributionId: id })).resolves.toEqual({
      ok: true,
      value: { removed: false },
    })
    await expect(dispatch('cloudfront.forgetSite', { distributionId: '../sites' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(double.calls.length).toBe(calls)
    expect(await siteIds()).not.toContain(id)
  })
})
