// One read of what a key's life in an account depends on — the public keys (matched to held keys
// by fingerprint), the key groups and the distributions with the groups each behavior trusts — and
// the questions the lifecycle asks of it: which public keys are this key's, which groups hold
// them, and which distributions and behaviors trust a group.
import type { KeyGroup } from '@aws-sdk/client-cloudfront'
import type { DistributionInfo, PublicKeyInfo } from '../../../shared/contract/cloudfront.ts'
import type { GroupKey, TrustingDistribution } from '../../../shared/contract/key-lifecycle.ts'
import type { KeySummary } from '../../../shared/contract/keys.ts'
import type { CloudFrontApi } from '../api.ts'
import { listDistributions } from '../distributions.ts'
import { groupKeyIds, groupName } from '../key-groups.ts'
import { describePublicKeys } from '../public-keys.ts'

export interface AccountSnapshot {
  accountId: string
  publicKeys: PublicKeyInfo[]
  groups: KeyGroup[]
  distributions: DistributionInfo[]
}

export async function readAccount(
  api: CloudFrontApi,
  accountId: string,
  held: KeySummary[],
): Promise<AccountSnapshot> {
  const [publicKeys, groups, distributions] = await Promise.all([
    api.listPublicKeys(),
    api.listKeyGroups(),
    listDistributions(api),
  ])
  return { accountId, publicKeys: describePublicKeys(publicKeys, held), groups, distributions }
}

/** The account's public keys holding this key (by fingerprint; usually one). */
export function publicKeysOf(account: AccountSnapshot, fingerprint: string): PublicKeyInfo[] {
  return account.publicKeys.filter((key) => key.fingerprint === fingerprint)
}

/** Key groups holding any of these public keys, by name. */
export function groupsHolding(account: AccountSnapshot, publicKeyIds: string[]): KeyGroup[] {
  return account.groups
    .filter((group) => groupKeyIds(group).some((id) => publicKeyIds.includes(id)))
    .sort((a, b) => groupName(a).localeCompare(groupName(b)))
}

export function findGroup(account: AccountSnapshot, idOrName: string): KeyGroup | undefined {
  return account.groups.find((group) => group.Id === idOrName || groupName(group) === idOrName)
}

/** A group's keys, named, and marked when Keyfront here holds the private half. */
export function groupKeys(account: AccountSnapshot, group: KeyGroup): GroupKey[] {
  return groupKeyIds(group).map((id) => {
    const info = account.publicKeys.find((key) => key.id === id)
    const key: GroupKey = { id }
    if (info?.name) key.name = info.name
    if (info?.heldKey) key.heldKey = info.heldKey
    return key
  })
}

/** The distributions with a behavior that trusts the group, and those behaviors. */
export function trustingDistributions(account: AccountSnapshot, groupId: string): TrustingDistribution[] {
  return account.distributions.flatMap((distribution) => {
    const behaviors = distribution.behaviors
      .filter((behavior) => behavior.trustedKeyGroups.some((group) => group.id === groupId))
      .map((behavior) => behavior.selector)
    return behaviors.length ? [{ id: distribution.id, domainName: distribution.domainName, behaviors }] : []
  })
}

/** How many key groups a behavior trusts, and whether one of them is `groupId`. */
export function behaviorTrust(
  account: AccountSnapshot,
  distributionId: string,
  selector: string,
  groupId: string | undefined,
): { count: number; trusts: boolean } {
  const behavior = account.distributions
    .find((d) => d.id === distributionId)
    ?.behaviors.find((b) => b.selector === selector)
  const ids = behavior?.trustedKeyGroups.map((group) => group.id) ?? []
  return { count: ids.length, trusts: groupId !== undefined && ids.includes(groupId) }
}

/** Every distribution trusting any of the groups, each once with the union of its behaviors. */
export function mergeDistributions(lists: TrustingDistribution[][]): TrustingDistribution[] {
  const merged = new Map<string, TrustingDistribution>()
  for (const distribution of lists.flat()) {
    const known = merged.get(distribution.id)
    if (!known) merged.set(distribution.id, { ...distribution, behaviors: [...distribution.behaviors] })
    else known.behaviors = [...new Set([...known.behaviors, ...distribution.behaviors])]
  }
  return [...merged.values()]
}

/** "d111.cloudfront.net (default, /private/*)": the paths of each distribution, in a sentence. */
export function describePaths(distributions: TrustingDistribution[]): string {
  return distributions.map((d) => `${d.domainName || d.id} (${d.behaviors.join(', ')})`).join('; ')
}
