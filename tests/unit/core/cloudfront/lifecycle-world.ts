// Shared set-up for the key lifecycle tests: the whole core (createKeyfront) over a temp data dir,
// an in-memory keychain (the real one is covered by tests/keychain), SDK clients that make one
// attempt each (so an injected fault reaches Keyfront), a clock the test moves, and a shop: a
// distribution whose default and /private/* behaviors trust a key group holding the key "Shop 2025",
// onboarded from this computer, with links recorded in History as signing records them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Keyfront } from '../../../../src/core/app.ts'
import { createAwsClientFactory, type AwsClientSettings } from '../../../../src/core/aws/clients.ts'
import type { SignedSite } from '../../../../src/shared/contract/cloudfront.ts'
import type { KeySummary } from '../../../../src/shared/contract/keys.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'
import { createTestDistribution, directClient, memoryKeychain } from './world.ts'

export interface LifecycleWorld {
  kf: Keyfront
  dataDir: string
  /** Epoch ms; move it to let links expire. */
  now: number
  close(): void
}

export function createLifecycleWorld(settings: AwsClientSettings = {}): LifecycleWorld {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-lifecycle-'))
  const world: LifecycleWorld = {
    dataDir,
    now: Date.now(),
    kf: undefined as unknown as Keyfront,
    close: () => {
      world.kf.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  world.kf = createTestKeyfront({
    dataDir,
    keychain: memoryKeychain(),
    aws: createAwsClientFactory({ maxAttempts: 1, requestTimeoutMs: 2000, ...settings }),
    clock: { now: () => world.now },
  })
  return world
}

export interface Shop {
  distributionId: string
  domainName: string
  key: KeySummary
  keyPairId: string
  keyGroupId: string
  site: SignedSite
}

/** A distribution restricted to "Shop 2025" on default and /private/* (not /media/*), onboarded here. */
export async function openShop(
  world: LifecycleWorld,
  endpoint: string,
  type: 'rsa' | 'ecdsa' = 'rsa',
): Promise<Shop> {
  const distributionId = await createTestDistribution(directClient(endpoint), 'Shop')
  const key = await world.kf.keys.create({ name: 'Shop 2025', type })
  const result = await world.kf.cloudfront.onboard({
    distributionId,
    key: key.id,
    behaviors: ['default', '/private/*'],
  })
  const [site] = await world.kf.cloudfront.sites()
  return {
    distributionId,
    domainName: site?.domainName ?? '',
    key: await world.kf.keys.find(key.id),
    keyPairId: result.publicKeyId,
    keyGroupId: result.keyGroupId,
    site: site!,
  }
}

/** Records a link in History as signing does (never the signature), expiring `days` from the clock. */
export function recordLink(
  world: LifecycleWorld,
  shop: Pick<Shop, 'domainName' | 'distributionId'>,
  key: { id: string; keyPairId: string },
  label: string,
  days: number,
): { url: string; expiresAt: number } {
  const url = `https://${shop.domainName}/reports/${encodeURIComponent(label)}.pdf`
  const expiresAt = Math.floor(world.now / 1000) + Math.round(days * 86_400)
  world.kf.history.record([
    {
      kind: 'url',
      url,
      resource: url,
      policy: `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":${expiresAt}}}}]}`,
      canned: true,
      keyId: key.id,
      keyPairId: key.keyPairId,
      algorithm: 'rsa-sha1',
      expiresAt,
      label,
      distributionId: shop.distributionId,
      source: 'cli',
    },
  ])
  return { url, expiresAt }
}
