// The origin channels through the same router main registers, over the real core and moto_server:
// requests are validated (bucket names, path patterns, a key unless files may open unsigned,
// consent to the policy change), responses keep every field the renderer shows.
import { ListDistributionsCommand } from '@aws-sdk/client-cloudfront'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHandlerTable } from '../../../../src/main/ipc/handlers.ts'
import { createRouter, type Dispatch } from '../../../../src/main/ipc/router.ts'
import type { OriginPlan, OriginResult } from '../../../../src/shared/contract/origin.ts'
import type { Envelope } from '../../../../src/shared/envelope.ts'
import {
  existingPolicy,
  makeBucket,
  startOriginWorld,
  type OriginWorld,
} from '../../core/origin/moto-setup.ts'

let world: OriginWorld
let dispatch: Dispatch

beforeAll(async () => {
  world = await startOriginWorld()
  const ports = { openExternal: async () => {}, chooseSavePath: async () => undefined, emit: () => {} }
  dispatch = createRouter(createHandlerTable(world.keyfront, ports))
  await world.keyfront.keys.create({ name: 'ipc key', type: 'ecdsa' })
})
afterAll(async () => {
  await world.stop()
})
beforeEach(async () => {
  await world.moto.reset()
  await makeBucket(world, 'ipc-bucket', { policy: existingPolicy('ipc-bucket'), blockPublicAccess: true })
})

const distributions = async () =>
  (await world.cf.send(new ListDistributionsCommand({}))).DistributionList?.Quantity ?? 0

describe('origin channels', () => {
  it('lists buckets and inspects one', async () => {
    const list = await dispatch('origin.listBuckets', {})
    expect(list).toEqual({
      ok: true,
      value: [expect.objectContaining({ name: 'ipc-bucket', region: 'us-east-1' })],
    })
    const inspection = await dispatch('origin.inspectBucket', { bucket: 'ipc-bucket' })
    expect(inspection).toMatchObject({ ok: true, value: { publicAccess: { state: 'blocked' } } })
  })

  it('refuses malformed bucket names, regions and root objects before calling AWS', async () => {
    for (const request of [
      { bucket: 'Bad_Bucket' },
      { bucket: 'ipc-bucket', region: 'nowhere' },
      { bucket: 'ipc-bucket', rootObject: '/index.html' },
      { bucket: 'x'.repeat(64) },
      { bucket: 'ipc-bucket', key: 'ipc key', behaviors: ['private/<script>'] },
      { bucket: 'ipc-bucket', key: 'ipc key', behaviors: ['*'] },
      { bucket: 'ipc-bucket', key: 'ipc key', encryption: 'rot13' },
      // No key, and no explicit "yes" to files opening without a signed link.
      { bucket: 'ipc-bucket' },
    ]) {
      expect(await dispatch('origin.plan', request)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
  })

  it('applies only with consent to the bucket-policy change', async () => {
    const planned = (await dispatch('origin.plan', {
      bucket: 'ipc-bucket',
      key: 'ipc key',
    })) as Envelope<OriginPlan>
    if (!planned.ok) throw new Error(planned.error.message)
    expect(planned.value.bucketPolicy.diff.length).toBeGreaterThan(10)
    const hash = planned.value.bucketPolicy.baseHash

    for (const consent of [undefined, false]) {
      const refused = await dispatch('origin.apply', {
        bucket: 'ipc-bucket',
        key: 'ipc key',
        expectedPolicyHash: hash,
        bucketPolicyConsent: consent,
      })
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(await distributions()).toBe(0)

    const applied = (await dispatch('origin.apply', {
      bucket: 'ipc-bucket',
      key: 'ipc key',
      expectedPolicyHash: hash,
      bucketPolicyConsent: true,
    })) as Envelope<OriginResult>
    if (!applied.ok) throw new Error(applied.error.message)
    expect(applied.value.resources).toHaveLength(5)
    expect(applied.value.signing).toMatchObject({ coverage: 'all', restrictedPaths: ['*'] })
    expect(applied.value.distribution.arn).toMatch(/distribution\//)
    expect(await distributions()).toBe(1)
  })
})
