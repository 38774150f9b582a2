// Waiting for a deployment (the double stays InProgress for a few polls): progress with elapsed
// time and the last poll, cancelling, an app started again still knowing what is deploying, one
// poll shared by everyone waiting on a distribution, and each deployment named as the app shows it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeploymentProgress } from '../../../../src/shared/contract/cloudfront.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../../../harness/cloudfront-double.ts'
import { createTestDistribution, createWorld, directClient, type World } from './world.ts'

let double: CloudFrontDouble
let world: World

beforeEach(async () => {
  double = await startCloudFrontDouble()
  Object.assign(process.env, double.env)
  world = createWorld({ maxAttempts: 1, pollIntervalMs: 30 })
})
afterEach(async () => {
  world.close()
  await double.stop()
})

async function onboarded(): Promise<string> {
  const id = await createTestDistribution(directClient(double.endpoint))
  const key = await world.keys.create({ name: 'deploy', type: 'ecdsa' })
  await world.cloudfront.onboard({ distributionId: id, key: key.id })
  return id
}

describe('waiting for a deployment', () => {
  it('polls GetDistribution until Deployed, reporting elapsed time and the last poll each time', async () => {
    const id = await onboarded()
    double.deployPolls = 3
    double.distributions.get(id)!.pollsLeft = 3
    const events: DeploymentProgress[] = []
    const done = await world.cloudfront.waitDeployed(id, { onProgress: (p) => events.push(p) })
    expect(events.map((e) => [e.polls, e.status, e.done])).toEqual([
      [1, 'InProgress', false],
      [2, 'InProgress', false],
      [3, 'InProgress', false],
      [4, 'Deployed', true],
    ])
    for (const [before, after] of events.slice(1).map((e, i) => [events[i]!, e] as const)) {
      expect(after.elapsedMs).toBeGreaterThan(before.elapsedMs)
      expect(after.lastPollAt).toBeGreaterThanOrEqual(before.lastPollAt + 25)
    }
    expect(done).toEqual(events.at(-1))
    expect(await world.cloudfront.deploying()).toEqual([])
  })

  it('counts elapsed time from when the change was applied', async () => {
    const id = await onboarded()
    const [record] = await world.cloudfront.deploying()
    await new Promise((resolve) => setTimeout(resolve, 60))
    const done = await world.cloudfront.waitDeployed(id)
    expect(done.elapsedMs).toBeGreaterThanOrEqual(done.lastPollAt - record!.since - 1)
    expect(done.elapsedMs).toBeGreaterThanOrEqual(60)
  })

  it('stops when cancelled; a restarted app still lists the distribution as deploying, and can wait again', async () => {
    const id = await onboarded()
    double.distributions.get(id)!.pollsLeft = 1_000_000
    const waiting = world.cloudfront.waitDeployed(id, {
      onProgress: (p) => {
        if (p.polls === 2) world.cloudfront.cancelWait(id)
      },
    })
    await expect(waiting).rejects.toMatchObject({
      code: 'CANCELLED',
      message: expect.stringContaining('keeps deploying') as unknown,
    })
    expect(world.cloudfront.cancelWait(id)).toBe(false)

    const restarted = world.restart()
    expect((await restarted.deploying()).map((d) => d.distributionId)).toEqual([id])
    double.distributions.get(id)!.pollsLeft = 1
    expect(await restarted.waitDeployed(id)).toMatchObject({ status: 'Deployed' })
    expect(await restarted.deploying()).toEqual([])
  })

  it('stops when the caller’s signal aborts, even in the middle of a request', async () => {
    const id = await onboarded()
    double.distributions.get(id)!.pollsLeft = 1_000_000
    double.inject({ operation: 'GetDistribution', kind: 'timeout', times: 100 })
    const controller = new AbortController()
    const waiting = world.cloudfront.waitDeployed(id, { signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('remembers a distribution only while a change Keyfront made is deploying', async () => {
    expect(await world.cloudfront.deploying()).toEqual([])
    const id = await onboarded()
    const site = (await world.cloudfront.sites())[0]
    expect(await world.cloudfront.deploying()).toEqual([
      {
        distributionId: id,
        since: expect.any(Number) as unknown,
        domainName: site?.domainName,
        name: 'Test files', // the distribution's comment, until the site is named here
      },
    ])
  })

  it('polls once for everyone who waits on the same distribution, and each hears every poll', async () => {
    const id = await onboarded()
    double.distributions.get(id)!.pollsLeft = 3
    const before = double.calls.filter((call) => call === 'GetDistribution').length
    const heard: [string, number][] = []
    const first = world.cloudfront.waitDeployed(id, { onProgress: (p) => heard.push(['first', p.polls]) })
    const second = world.cloudfront.waitDeployed(id, { onProgress: (p) => heard.push(['second', p.polls]) })
    const [a, b] = await Promise.all([first, second])
    expect(a).toEqual(b)
    expect(a).toMatchObject({ status: 'Deployed', polls: 4 })
    expect(double.calls.filter((call) => call === 'GetDistribution').length - before).toBe(4)
    expect(heard.filter(([who]) => who === 'second').map(([, polls]) => polls)).toEqual([1, 2, 3, 4])
  })

  it('keeps polling for the others when one waiter leaves, and stops once nobody waits', async () => {
    const id = await onboarded()
    double.distributions.get(id)!.pollsLeft = 1_000_000
    const leaving = new AbortController()
    const left = world.cloudfront.waitDeployed(id, { signal: leaving.signal })
    let polls = 0
    const staying = world.cloudfront.waitDeployed(id, { onProgress: (p) => (polls = p.polls) })
    leaving.abort()
    await expect(left).rejects.toMatchObject({ code: 'CANCELLED' })
    await vi.waitFor(() => expect(polls).toBeGreaterThanOrEqual(2))
    expect(world.cloudfront.cancelWait(id)).toBe(true)
    await expect(staying).rejects.toMatchObject({ code: 'CANCELLED' })
    const calls = double.calls.length
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(double.calls.length).toBe(calls)
  })

  it('names each deployment by its site name, and tells listeners of a new one at once', async () => {
    const added: string[] = []
    const stop = world.cloudfront.onDeploying((record) => added.push(record.distributionId))
    const id = await onboarded()
    stop()
    expect(added).toEqual([id])
    await world.cloudfront.renameSite(id, 'Quarterly reports')
    expect((await world.cloudfront.deploying())[0]).toMatchObject({
      distributionId: id,
      name: 'Quarterly reports',
    })
  })
})
