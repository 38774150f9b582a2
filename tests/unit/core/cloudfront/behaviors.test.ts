// The one change Keyfront makes to a distribution config: a key group added to or removed from
// chosen behaviors' TrustedKeyGroups — and nothing else, ever.
import type { CacheBehavior, DistributionConfig } from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import { behaviorsOf, changeTrust, selectBehaviors } from '../../../../src/core/cloudfront/behaviors.ts'
import { deepDiff } from './world.ts'

function behavior(
  pathPattern: string | undefined,
  groups: string[] = [],
  signers: string[] = [],
): CacheBehavior {
  return {
    PathPattern: pathPattern,
    TargetOriginId: 'files',
    ViewerProtocolPolicy: 'https-only',
    TrustedKeyGroups: { Enabled: groups.length > 0, Quantity: groups.length, Items: groups },
    TrustedSigners: { Enabled: signers.length > 0, Quantity: signers.length, Items: signers },
    CachePolicyId: 'policy',
    Compress: true,
  }
}

function config(): DistributionConfig {
  const { PathPattern: _p, ...defaultBehavior } = behavior(undefined, ['OTHER'])
  return {
    CallerReference: 'ref',
    Comment: 'files',
    Enabled: true,
    Origins: { Quantity: 1, Items: [{ Id: 'files', DomainName: 'b.s3.amazonaws.com' }] },
    DefaultCacheBehavior: defaultBehavior,
    CacheBehaviors: {
      Quantity: 3,
      Items: [
        behavior('/private/*'),
        behavior('/media/*', [], ['self']),
        behavior('/full/*', ['A', 'B', 'C', 'D']),
      ],
    },
  }
}

describe('cache behaviors and their trusted key groups', () => {
  it('lists the default behavior first, then the path patterns in order', () => {
    expect(behaviorsOf(config()).map((ref) => ref.selector)).toEqual([
      'default',
      '/private/*',
      '/media/*',
      '/full/*',
    ])
  })

  it('attaching changes only the chosen behaviors, appending the group after those already trusted', () => {
    const before = config()
    const { config: after, changes } = changeTrust(before, 'KG', ['default', '/private/*'], 'attach')
    expect(changes).toEqual([
      { selector: 'default', before: ['OTHER'], after: ['OTHER', 'KG'] },
      { selector: '/private/*', before: [], after: ['KG'] },
    ])
    expect(deepDiff(before, after).sort()).toEqual([
      'CacheBehaviors.Items[0].TrustedKeyGroups.Enabled',
      'CacheBehaviors.Items[0].TrustedKeyGroups.Items[0]',
      'CacheBehaviors.Items[0].TrustedKeyGroups.Quantity',
      'DefaultCacheBehavior.TrustedKeyGroups.Items[1]',
      'DefaultCacheBehavior.TrustedKeyGroups.Quantity',
    ])
    expect(after.DefaultCacheBehavior?.TrustedKeyGroups).toEqual({
      Enabled: true,
      Quantity: 2,
      Items: ['OTHER', 'KG'],
    })
  })

  it('leaves the input untouched (it works on a copy)', () => {
    const before = config()
    const snapshot = structuredClone(before)
    changeTrust(before, 'KG', ['/private/*'], 'attach')
    expect(before).toEqual(snapshot)
  })

  it('reports no change when the behaviors already trust the group (a re-run)', () => {
    const once = changeTrust(config(), 'KG', ['/private/*'], 'attach').config
    const twice = changeTrust(once, 'KG', ['/private/*'], 'attach')
    expect(twice.changes).toEqual([])
    expect(twice.config).toEqual(once)
  })

  it('detaching removes only that group, and turns restriction off when none is left', () => {
    const attached = changeTrust(config(), 'KG', ['default', '/private/*'], 'attach').config
    const { config: detached, changes } = changeTrust(attached, 'KG', ['default', '/private/*'], 'detach')
    expect(changes.map((c) => c.after)).toEqual([['OTHER'], []])
    expect(detached.CacheBehaviors?.Items?.[0]?.TrustedKeyGroups).toEqual({
      Enabled: false,
      Quantity: 0,
      Items: [],
    })
    expect(detached.DefaultCacheBehavior?.TrustedKeyGroups).toEqual({
      Enabled: true,
      Quantity: 1,
      Items: ['OTHER'],
    })
  })

  it('leaves legacy trusted signers exactly as they were', () => {
    const { config: after } = changeTrust(config(), 'KG', ['/media/*'], 'attach')
    expect(after.CacheBehaviors?.Items?.[1]?.TrustedSigners).toEqual({
      Enabled: true,
      Quantity: 1,
      Items: ['self'],
    })
  })

  it('refuses a fifth key group on one behavior (CloudFront allows 4)', () => {
    expect(() => changeTrust(config(), 'KG', ['/full/*'], 'attach')).toThrow(
      expect.objectContaining({ code: 'CF_TOO_MANY_KEY_GROUPS_ON_DISTRIBUTION' }),
    )
  })

  it('names the existing behaviors when asked for one that does not exist', () => {
    expect(() => selectBehaviors(config(), ['/nope/*'])).toThrow(
      expect.objectContaining({
        code: 'CF_BEHAVIOR_NOT_FOUND',
        message: expect.stringContaining('/private/*') as unknown,
      }),
    )
    expect(selectBehaviors(config(), undefined)).toHaveLength(4)
    expect(selectBehaviors(config(), ['/media/*', '/media/*']).map((r) => r.selector)).toEqual(['/media/*'])
  })
})
