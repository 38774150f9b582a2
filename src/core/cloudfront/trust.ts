// Restricting (or un-restricting) a distribution's behaviors to a key group, safely:
// GetDistributionConfig (with its ETag) → change only the chosen behaviors' TrustedKeyGroups →
// UpdateDistribution with If-Match and the whole config. If someone saved in between
// (PreconditionFailed), the config is read again and the change re-applied once.
import type { DistributionConfig } from '@aws-sdk/client-cloudfront'
import { retryOnceIfStale, type CloudFrontApi } from './api.ts'
import { behaviorsOf, changeTrust, selectBehaviors, trustedGroupIds, type BehaviorRef } from './behaviors.ts'

export type TrustMode = 'attach' | 'detach'

export interface TrustOutcome {
  changedBehaviors: string[]
  status: string
}

/**
 * The behaviors a request is about. attach: the named ones, or all. detach: the named ones, or
 * every behavior that trusts the group.
 */
export function behaviorsFor(
  config: DistributionConfig,
  keyGroupId: string,
  selectors: string[] | undefined,
  mode: TrustMode,
): BehaviorRef[] {
  if (mode === 'detach' && !selectors?.length) {
    return behaviorsOf(config).filter((ref) => trustedGroupIds(ref.behavior).includes(keyGroupId))
  }
  return selectBehaviors(config, selectors)
}

export async function applyTrust(
  api: CloudFrontApi,
  distributionId: string,
  keyGroupId: string,
  selectors: string[] | undefined,
  mode: TrustMode,
): Promise<TrustOutcome> {
  return retryOnceIfStale(async () => {
    const { value: config, etag } = await api.getDistributionConfig(distributionId)
    const chosen = behaviorsFor(config, keyGroupId, selectors, mode).map((ref) => ref.selector)
    const { config: changed, changes } = changeTrust(config, keyGroupId, chosen, mode)
    if (changes.length === 0) {
      const { value } = await api.getDistribution(distributionId)
      return { changedBehaviors: [], status: value.Status ?? 'Unknown' }
    }
    const { value } = await api.updateDistribution(distributionId, changed, etag)
    return {
      changedBehaviors: changes.map((change) => change.selector),
      status: value.Status ?? 'InProgress',
    }
  })
}
