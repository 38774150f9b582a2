// Where a key is used, for the key's detail and `keyfront keys usage`: its public keys in the
// account, the key groups holding them with the distributions and behaviors trusting each, the
// sites on this computer that sign with it, and its links still working.
import type { SignedSite } from '../../../shared/contract/cloudfront.ts'
import type { KeyUsage, LiveLinks } from '../../../shared/contract/key-lifecycle.ts'
import type { KeySummary } from '../../../shared/contract/keys.ts'
import type { KeyLifecycle } from '../../keys/key-file.ts'
import { groupName } from '../key-groups.ts'
import {
  groupKeys,
  groupsHolding,
  publicKeysOf,
  trustingDistributions,
  type AccountSnapshot,
} from './account.ts'
import { keyStatus } from './status.ts'

export function describeUsage(facts: {
  account: AccountSnapshot
  key: KeySummary
  lifecycle: KeyLifecycle
  replacement: KeySummary | undefined
  sites: SignedSite[]
  liveLinks: LiveLinks
}): KeyUsage {
  const { account, key, lifecycle } = facts
  const publicKeys = publicKeysOf(account, key.fingerprint).map((k) => ({ id: k.id, name: k.name }))
  const ids = publicKeys.map((k) => k.id)
  const usage: KeyUsage = {
    key: { id: key.id, name: key.name, type: key.type, fingerprint: key.fingerprint },
    accountId: account.accountId,
    status: keyStatus(key, ids.length > 0, lifecycle, facts.liveLinks.count),
    publicKeys,
    keyGroups: groupsHolding(account, ids).map((group) => ({
      id: group.Id ?? '',
      name: groupName(group),
      keys: groupKeys(account, group),
      distributions: trustingDistributions(account, group.Id ?? ''),
    })),
    sites: facts.sites.filter((site) => site.keyId === key.id || ids.includes(site.keyPairId)),
    liveLinks: facts.liveLinks,
  }
  if (lifecycle.retiringSince !== undefined) usage.retiringSince = lifecycle.retiringSince
  if (facts.replacement) usage.replacedBy = { id: facts.replacement.id, name: facts.replacement.name }
  return usage
}
