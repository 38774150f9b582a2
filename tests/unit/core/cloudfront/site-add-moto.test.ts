// Adding a site onboarded elsewhere, against moto_server: the distribution is found by id or
// address, only held keys it trusts are offered, and a key it does not trust is refused with no
// site recorded. The onboarding is done by a first "computer" (World); a second one adds the site.
import { describe, expect, it } from 'vitest'
import { createWorld, createTestDistribution, useMotoWorld } from './world.ts'

const ctx = useMotoWorld()

async function onboardedElsewhere() {
  const id = await createTestDistribution(ctx.client())
  const key = await ctx.world.keys.create({ name: 'office', type: 'ecdsa' })
  const onboarded = await ctx.world.cloudfront.onboard({
    distributionId: id,
    key: key.id,
    behaviors: ['/private/*'],
  })
  return { id, onboarded, key }
}

describe('adding a site onboarded elsewhere (moto_server)', () => {
  it('offers only the held keys the distribution trusts, with the paths each guards', async () => {
    const { id, onboarded, key } = await onboardedElsewhere()
    await ctx.world.keys.create({ name: 'unrelated', type: 'rsa' })
    const candidate = await ctx.world.cloudfront.siteCandidate(id)
    expect(candidate).toMatchObject({ distributionId: id, comment: 'Test files' })
    expect(candidate.keys).toEqual([
      {
        keyId: key.id,
        keyName: 'office',
        keyPairId: onboarded.publicKeyId,
        keyGroupId: onboarded.keyGroupId,
        keyGroupName: onboarded.keyGroupName,
        restrictedPaths: ['/private/*'],
      },
    ])
  })

  it('finds the distribution by its address too, and offers nothing when no held key is trusted', async () => {
    const { id } = await onboardedElsewhere()
    const other = createWorld({ maxAttempts: 1 })
    try {
      await other.keys.create({ name: 'mine', type: 'rsa' })
      const domain = (await ctx.world.cloudfront.sites())[0]?.domainName ?? ''
      const candidate = await other.cloudfront.siteCandidate(`https://${domain.toUpperCase()}/x`)
      expect(candidate).toMatchObject({ distributionId: id, keys: [] })
      await expect(other.cloudfront.addSite({ distribution: id, key: 'mine' })).rejects.toMatchObject({
        code: 'SITE_KEY_NOT_TRUSTED',
      })
      expect(await other.cloudfront.sites()).toEqual([])
    } finally {
      other.close()
    }
  })

  it('refuses an address no distribution answers at', async () => {
    await onboardedElsewhere()
    await expect(ctx.world.cloudfront.siteCandidate('files.nowhere.example')).rejects.toMatchObject({
      code: 'CF_NO_SUCH_DISTRIBUTION',
    })
  })

  it('records the site, and keeps the name given to it here when added again', async () => {
    const { id, onboarded } = await onboardedElsewhere()
    await ctx.world.cloudfront.forgetSite(id)
    const added = await ctx.world.cloudfront.addSite({ distribution: id, key: 'office' })
    expect(added).toMatchObject({ keyPairId: onboarded.publicKeyId, restrictedPaths: ['/private/*'] })
    await ctx.world.cloudfront.renameSite(id, 'Reports')
    const again = await ctx.world.cloudfront.addSite({
      distribution: id,
      key: 'office',
      paths: ['/private/*'],
    })
    expect(again.name).toBe('Reports')
  })
})
