// The account's key groups as Keyfront lists them: each with its keys (named, and marked when
// Keyfront holds the private half) and the distributions that trust it.
import type { KeyGroupInfo } from '../../shared/contract/cloudfront.ts'
import type { KeySummary } from '../../shared/contract/keys.ts'
import type { CloudFrontApi } from './api.ts'
import { groupKeyIds, groupName } from './key-groups.ts'
import { describePublicKeys } from './public-keys.ts'

export async function describeKeyGroups(api: CloudFrontApi, held: KeySummary[]): Promise<KeyGroupInfo[]> {
  const [groups, publicKeys, distributions] = await Promise.all([
    api.listKeyGroups(),
    api.listPublicKeys(),
    api.listDistributions(),
  ])
  const keys = new Map(describePublicKeys(publicKeys, held).map((key) => [key.id, key]))
  const domains = new Map(distributions.map((d) => [d.Id ?? '', d.DomainName]))
  return Promise.all(
    groups.map(async (group): Promise<KeyGroupInfo> => {
      const ids = await api.listDistributionIdsByKeyGroup(group.Id ?? '')
      const info: KeyGroupInfo = {
        id: group.Id ?? '',
        name: groupName(group),
        keys: groupKeyIds(group).map((id) => {
          const key = keys.get(id)
          return { id, ...(key && { name: key.name }), ...(key?.heldKey && { heldKey: key.heldKey }) }
        }),
        distributions: ids.map((id) => {
          const domainName = domains.get(id)
          return domainName ? { id, domainName } : { id }
        }),
      }
      if (group.KeyGroupConfig?.Comment) info.comment = group.KeyGroupConfig.Comment
      return info
    }),
  )
}
