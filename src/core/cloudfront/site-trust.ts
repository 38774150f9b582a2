// Which keys held here a distribution trusts, read from CloudFront: the key groups its behaviors
// trust, the public keys in each group, matched to held keys by Key-Pair-Id or — for a key imported
// without one — by the fingerprint of the public key. This is what lets a computer that did not
// onboard a distribution add it as a site.
import type { Distribution } from '@aws-sdk/client-cloudfront'
import type { SiteKeyChoice } from '../../shared/contract/cloudfront.ts'
import type { KeySummary } from '../../shared/contract/keys.ts'
import type { CloudFrontApi } from './api.ts'
import { behaviorsOf, trustedGroupIds } from './behaviors.ts'
import { groupKeyIds, groupName } from './key-groups.ts'
import { pemFingerprint } from './public-keys.ts'
import { restrictedPaths } from './signed-sites.ts'

/** One choice per held key the distribution trusts (its first trusting group when there are several). */
export async function trustedHeldKeys(
  api: CloudFrontApi,
  distribution: Distribution,
  held: KeySummary[],
): Promise<SiteKeyChoice[]> {
  const config = distribution.DistributionConfig
  if (!config) return []
  const groupIds = [...new Set(behaviorsOf(config).flatMap((ref) => trustedGroupIds(ref.behavior)))]
  if (groupIds.length === 0) return []
  const fingerprints = new Map(
    (await api.listPublicKeys()).map((summary) => [
      summary.Id ?? '',
      summary.EncodedKey ? pemFingerprint(summary.EncodedKey) : undefined,
    ]),
  )
  const choices: SiteKeyChoice[] = []
  for (const groupId of groupIds) {
    const { value: group } = await api.getKeyGroup(groupId)
    for (const keyPairId of groupKeyIds(group)) {
      const key = held.find(
        (k) =>
          k.uploads.some((u) => u.keyPairId === keyPairId) || k.fingerprint === fingerprints.get(keyPairId),
      )
      if (!key || choices.some((choice) => choice.keyId === key.id)) continue
      choices.push({
        keyId: key.id,
        keyName: key.name,
        keyPairId,
        keyGroupId: groupId,
        keyGroupName: groupName(group),
        restrictedPaths: restrictedPaths(distribution, groupId),
      })
    }
  }
  return choices
}
