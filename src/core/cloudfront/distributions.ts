// The account's distributions as Keyfront shows them: id, domain, aliases, comment, status,
// origins, and each cache behavior with the key groups (by name) and legacy signers it trusts.
import type {
  Aliases,
  CacheBehaviors,
  DefaultCacheBehavior,
  DistributionSummary,
  KeyGroup,
  Origins,
} from '@aws-sdk/client-cloudfront'
import type { DistributionInfo, TrustedGroup } from '../../shared/contract/cloudfront.ts'
import type { CloudFrontApi } from './api.ts'
import { behaviorsOf, trustedGroupIds, trustedSignerIds } from './behaviors.ts'
import { groupName } from './key-groups.ts'

/** The fields a summary and a full distribution (config + status) have in common. */
interface DistributionFacts {
  Id?: string | undefined
  DomainName?: string | undefined
  Status?: string | undefined
  Comment?: string | undefined
  Enabled?: boolean | undefined
  Aliases?: Aliases | undefined
  Origins?: Origins | undefined
  DefaultCacheBehavior?: DefaultCacheBehavior | undefined
  CacheBehaviors?: CacheBehaviors | undefined
}

export async function listDistributions(api: CloudFrontApi): Promise<DistributionInfo[]> {
  const [summaries, groups] = await Promise.all([api.listDistributions(), api.listKeyGroups()])
  const names = groupNames(groups)
  return Promise.all(
    summaries.map(async (summary) => describeDistribution(await completeFacts(api, summary), names)),
  )
}

/**
 * CloudFront's summaries carry every behavior; some emulators' do not. Then the distribution itself
 * is read (one GetDistribution), so the list never shows a distribution without its behaviors.
 */
async function completeFacts(api: CloudFrontApi, summary: DistributionSummary): Promise<DistributionFacts> {
  if (summary.DefaultCacheBehavior || !summary.Id) return summary
  const { value } = await api.getDistribution(summary.Id)
  return { ...value.DistributionConfig, Id: value.Id, DomainName: value.DomainName, Status: value.Status }
}

export function groupNames(groups: KeyGroup[]): Map<string, string> {
  return new Map(groups.map((group) => [group.Id ?? '', groupName(group)]))
}

export function trustedGroups(ids: string[], names: Map<string, string>): TrustedGroup[] {
  return ids.map((id) => {
    const name = names.get(id)
    return name ? { id, name } : { id }
  })
}

export function describeDistribution(facts: DistributionFacts, names: Map<string, string>): DistributionInfo {
  const behaviors = behaviorsOf({
    DefaultCacheBehavior: facts.DefaultCacheBehavior,
    CacheBehaviors: facts.CacheBehaviors,
  })
  return {
    id: facts.Id ?? '',
    domainName: facts.DomainName ?? '',
    aliases: facts.Aliases?.Items ?? [],
    comment: facts.Comment ?? '',
    status: facts.Status ?? 'Unknown',
    enabled: facts.Enabled ?? false,
    origins: (facts.Origins?.Items ?? []).map((origin) => ({
      id: origin.Id ?? '',
      domainName: origin.DomainName ?? '',
    })),
    behaviors: behaviors.map(({ selector, behavior }) => {
      const info: DistributionInfo['behaviors'][number] = {
        selector,
        targetOriginId: behavior.TargetOriginId ?? '',
        trustedKeyGroups: trustedGroups(trustedGroupIds(behavior), names),
        trustedSigners: trustedSignerIds(behavior),
      }
      if ('PathPattern' in behavior && behavior.PathPattern) info.pathPattern = behavior.PathPattern
      return info
    }),
  }
}
