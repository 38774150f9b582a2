// A distribution's cache behaviors and the key groups each trusts, and the one change Keyfront
// makes to a DistributionConfig: adding or removing a key group in chosen behaviors'
// TrustedKeyGroups. Pure functions over a copy — every other field comes back untouched.
import type {
  CacheBehavior,
  DefaultCacheBehavior,
  DistributionConfig,
  TrustedKeyGroups,
} from '@aws-sdk/client-cloudfront'
import { KeyfrontError } from '../../shared/errors.ts'

export const DEFAULT_BEHAVIOR = 'default'
/** CloudFront's quota: key groups one cache behavior may trust. */
export const MAX_KEY_GROUPS_PER_BEHAVIOR = 4

export interface BehaviorRef {
  /** "default" or the path pattern. */
  selector: string
  behavior: DefaultCacheBehavior | CacheBehavior
}

export interface TrustChange {
  selector: string
  before: string[]
  after: string[]
}

export function behaviorsOf(
  config: Pick<DistributionConfig, 'DefaultCacheBehavior' | 'CacheBehaviors'>,
): BehaviorRef[] {
  const refs: BehaviorRef[] = []
  if (config.DefaultCacheBehavior)
    refs.push({ selector: DEFAULT_BEHAVIOR, behavior: config.DefaultCacheBehavior })
  for (const behavior of config.CacheBehaviors?.Items ?? []) {
    refs.push({ selector: behavior.PathPattern ?? '', behavior })
  }
  return refs
}

export function trustedGroupIds(behavior: DefaultCacheBehavior | CacheBehavior): string[] {
  const groups = behavior.TrustedKeyGroups
  return groups?.Enabled ? [...(groups.Items ?? [])] : []
}

export function trustedSignerIds(behavior: DefaultCacheBehavior | CacheBehavior): string[] {
  const signers = behavior.TrustedSigners
  return signers?.Enabled ? [...(signers.Items ?? [])] : []
}

/** The behaviors a request names, checked against the distribution; all of them when none named. */
export function selectBehaviors(config: DistributionConfig, selectors: string[] | undefined): BehaviorRef[] {
  const all = behaviorsOf(config)
  if (!selectors || selectors.length === 0) return all
  return [...new Set(selectors)].map((selector) => {
    const found = all.find((ref) => ref.selector === selector)
    if (!found) {
      throw new KeyfrontError(
        'CF_BEHAVIOR_NOT_FOUND',
        `The distribution has no cache behavior "${selector}". Its behaviors are: ${all.map((ref) => ref.selector).join(', ')}.`,
      )
    }
    return found
  })
}

/**
 * Adds (attach) or removes (detach) one key group in the chosen behaviors. Returns a changed copy of
 * the config and what changed; behaviors already in the wanted state are left exactly as they were.
 */
export function changeTrust(
  config: DistributionConfig,
  keyGroupId: string,
  selectors: string[],
  mode: 'attach' | 'detach',
): { config: DistributionConfig; changes: TrustChange[] } {
  const copy = structuredClone(config)
  const chosen = new Set(selectors)
  const changes: TrustChange[] = []
  for (const { selector, behavior } of behaviorsOf(copy)) {
    if (!chosen.has(selector)) continue
    const before = trustedGroupIds(behavior)
    const has = before.includes(keyGroupId)
    if (mode === 'attach' ? has : !has) continue
    const after = mode === 'attach' ? [...before, keyGroupId] : before.filter((id) => id !== keyGroupId)
    if (after.length > MAX_KEY_GROUPS_PER_BEHAVIOR) {
      throw new KeyfrontError(
        'CF_TOO_MANY_KEY_GROUPS_ON_DISTRIBUTION',
        `Cache behavior "${selector}" already trusts ${before.length} key groups, CloudFront's limit. Add the key to one of those groups instead.`,
      )
    }
    behavior.TrustedKeyGroups = trustedKeyGroups(after)
    changes.push({ selector, before, after })
  }
  return { config: copy, changes }
}

function trustedKeyGroups(ids: string[]): TrustedKeyGroups {
  return ids.length > 0
    ? { Enabled: true, Quantity: ids.length, Items: ids }
    : { Enabled: false, Quantity: 0, Items: [] }
}
