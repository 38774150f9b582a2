// The key lifecycle against moto_server, an independent CloudFront implementation, where it
// suffices (it has no UpdateKeyGroup, so edits of key groups are tested against the double): where
// a key is used — read from moto's public keys, key groups and distributions — and retiring a key
// that no group holds, through GetPublicKey and DeletePublicKey.
import { ListPublicKeysCommand } from '@aws-sdk/client-cloudfront'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMoto, type Moto } from '../../../harness/moto.ts'
import { createLifecycleWorld, openShop, recordLink, type LifecycleWorld } from './lifecycle-world.ts'
import { directClient } from './world.ts'

let moto: Moto
let world: LifecycleWorld

beforeAll(async () => {
  moto = await startMoto()
  Object.assign(process.env, moto.env)
})
afterAll(async () => {
  await moto.stop()
})
beforeEach(async () => {
  await moto.reset()
  world = createLifecycleWorld()
})
afterEach(() => world.close())

describe('against moto_server', () => {
  it('tells where a key is used: its group, the behaviors trusting it, the site, live links', async () => {
    const shop = await openShop(world, moto.endpoint, 'ecdsa')
    const link = recordLink(world, shop, { id: shop.key.id, keyPairId: shop.keyPairId }, 'Invoice', 7)
    const usage = await world.kf.keyLifecycle.usage('Shop 2025')
    expect(usage).toMatchObject({
      key: { name: 'Shop 2025', type: 'ecdsa' },
      accountId: '123456789012',
      status: 'in-use',
      publicKeys: [{ id: shop.keyPairId }],
      keyGroups: [
        {
          id: shop.keyGroupId,
          name: `keyfront-${shop.distributionId}`,
          distributions: [{ id: shop.distributionId, behaviors: ['default', '/private/*'] }],
        },
      ],
      sites: [{ distributionId: shop.distributionId }],
      liveLinks: { count: 1, lastExpiresAt: link.expiresAt, shown: [{ label: 'Invoice', url: link.url }] },
    })
  })

  it('retires an uploaded key no group holds: DeletePublicKey, and the key is Not uploaded again', async () => {
    const key = await world.kf.keys.create({ name: 'Spare', type: 'rsa' })
    const { publicKeyId } = await world.kf.cloudfront.upload(key.id)
    const plan = await world.kf.keyLifecycle.planRetire({ key: 'Spare' })
    expect(plan).toMatchObject({
      publicKeys: [{ id: publicKeyId }],
      keyGroups: [],
      blocked: [],
      changes: true,
    })
    const result = await world.kf.keyLifecycle.retire({ key: 'Spare' })
    expect(result).toMatchObject({ deletedPublicKeys: [publicKeyId], removedFromGroups: [], changed: true })
    const left = await directClient(moto.endpoint).send(new ListPublicKeysCommand({}))
    expect(left.PublicKeyList?.Items ?? []).toEqual([])
    expect((await world.kf.keyLifecycle.statuses())[0]).toMatchObject({
      keyId: key.id,
      status: 'not-uploaded',
    })
  })
})
