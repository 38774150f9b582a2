// The sites that accept signed links (signed-sites.json): onboarding a distribution on moto_server
// remembers its address, the onboarded key and the restricted paths; they are read back by a
// service that could not reach AWS at all; a second onboarding replaces (never duplicates) the
// site; a detach that leaves no restricted path forgets it; the engineer can forget one.
import { CreateDistributionCommand, GetDistributionCommand } from '@aws-sdk/client-cloudfront'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AwsAccounts } from '../../../../src/core/aws/accounts.ts'
import type { AwsClientFactory } from '../../../../src/core/aws/clients.ts'
import { CloudFrontService } from '../../../../src/core/cloudfront/service.ts'
import { SIGNED_SITES_FILE } from '../../../../src/core/cloudfront/signed-sites.ts'
import { createTestDistribution, readConfig, useMotoWorld } from './world.ts'

const ctx = useMotoWorld()

/** A service over the same data folder whose every AWS client creation fails the test. */
function offlineService(): CloudFrontService {
  const aws: AwsClientFactory = {
    cloudFront: () => {
      throw new Error('no AWS call expected')
    },
    sts: () => {
      throw new Error('no AWS call expected')
    },
    s3: () => {
      throw new Error('no AWS call expected')
    },
    kms: () => {
      throw new Error('no AWS call expected')
    },
  }
  const accounts = new AwsAccounts({
    aws,
    dataDir: ctx.world.dataDir,
    keychain: ctx.world.keychain,
    clock: ctx.world.clock,
  })
  return new CloudFrontService({
    aws,
    accounts,
    keys: ctx.world.keys,
    dataDir: ctx.world.dataDir,
    clock: ctx.world.clock,
  })
}

async function domainOf(id: string): Promise<string> {
  return (await ctx.client().send(new GetDistributionCommand({ Id: id }))).Distribution?.DomainName ?? ''
}

describe('sites that accept signed links', () => {
  it('are remembered when onboarding succeeds, and read back without any AWS call', async () => {
    const id = await createTestDistribution(ctx.client())
    const key = await ctx.world.keys.create({ name: 'Reports', type: 'rsa' })
    const before = Date.now()
    const result = await ctx.world.cloudfront.onboard({
      distributionId: id,
      key: key.name,
      behaviors: ['default', '/media/*'],
    })

    const sites = await offlineService().sites()
    expect(sites).toEqual([
      {
        distributionId: id,
        domainName: await domainOf(id),
        aliases: [],
        keyId: key.id,
        keyPairId: result.publicKeyId,
        keyGroupId: result.keyGroupId,
        keyGroupName: `keyfront-${id}`,
        restrictedPaths: ['*', '/media/*'],
        accountId: '123456789012',
        onboardedAt: expect.any(Number) as number,
        comment: 'Test files',
      },
    ])
    expect(sites[0]?.domainName).toMatch(/\.cloudfront\.net$/)
    expect(sites[0]?.onboardedAt).toBeGreaterThanOrEqual(before)
    const file = readFileSync(join(ctx.world.dataDir, SIGNED_SITES_FILE), 'utf8')
    expect(file).not.toMatch(/PRIVATE KEY/)
  })

  it('keep the distribution’s own names (aliases) as addresses', async () => {
    const id = await createTestDistribution(ctx.client())
    const config = await readConfig(ctx.client(), id)
    const aliased = await ctx.client().send(
      new CreateDistributionCommand({
        DistributionConfig: {
          ...config,
          CallerReference: `alias-${Date.now()}`,
          Aliases: { Quantity: 1, Items: ['files.example.com'] },
        },
      }),
    )
    const aliasedId = aliased.Distribution?.Id ?? ''
    const key = await ctx.world.keys.create({ name: 'alias', type: 'ecdsa' })
    await ctx.world.cloudfront.onboard({ distributionId: aliasedId, key: key.id })
    const [site] = await offlineService().sites()
    expect(site).toMatchObject({ distributionId: aliasedId, aliases: ['files.example.com'] })
    expect(site?.restrictedPaths).toEqual(['*', '/private/*', '/media/*'])
  })

  it('are replaced, not duplicated, when the distribution is onboarded again (the latest key wins)', async () => {
    const id = await createTestDistribution(ctx.client())
    const first = await ctx.world.keys.create({ name: 'first', type: 'rsa' })
    const second = await ctx.world.keys.create({ name: 'second', type: 'rsa' })
    await ctx.world.cloudfront.onboard({ distributionId: id, key: first.id, behaviors: ['/private/*'] })
    // Another group: moto_server cannot add a key to an existing group (UpdateKeyGroup).
    await ctx.world.cloudfront.onboard({
      distributionId: id,
      key: second.id,
      keyGroup: 'second-group',
      behaviors: ['/private/*'],
    })
    const sites = await ctx.world.restart().sites()
    expect(sites).toHaveLength(1)
    expect(sites[0]).toMatchObject({
      keyId: second.id,
      keyGroupName: 'second-group',
      restrictedPaths: ['/private/*'],
    })
  })

  it('follow a detach: fewer restricted paths, and forgotten when none is left', async () => {
    const id = await createTestDistribution(ctx.client())
    const key = await ctx.world.keys.create({ name: 'detach', type: 'rsa' })
    const { keyGroupName } = await ctx.world.cloudfront.onboard({
      distributionId: id,
      key: key.id,
      behaviors: ['/private/*', '/media/*'],
    })
    await ctx.world.cloudfront.detach({ distributionId: id, keyGroup: keyGroupName, behaviors: ['/media/*'] })
    expect((await ctx.world.cloudfront.sites())[0]?.restrictedPaths).toEqual(['/private/*'])
    await ctx.world.cloudfront.detach({ distributionId: id, keyGroup: keyGroupName })
    expect(await ctx.world.cloudfront.sites()).toEqual([])
  })

  it('can be forgotten here, without touching CloudFront', async () => {
    const id = await createTestDistribution(ctx.client())
    const key = await ctx.world.keys.create({ name: 'forget', type: 'rsa' })
    await ctx.world.cloudfront.onboard({ distributionId: id, key: key.id, behaviors: ['/private/*'] })
    const config = await readConfig(ctx.client(), id)
    const offline = offlineService()
    expect(await offline.forgetSite(id)).toBe(true)
    expect(await offline.forgetSite(id)).toBe(false)
    expect(await offline.sites()).toEqual([])
    expect(await readConfig(ctx.client(), id)).toEqual(config)
  })
})
