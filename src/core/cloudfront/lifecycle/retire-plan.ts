// What retiring a key (or stopping every link signed with it) would do, from one read of the
// account: the key groups it leaves, the public keys deleted, the distributions affected, the live
// links that would stop (from History) and the sites here that sign with it. Refused, with the
// reason in `blocked`, while links still work or sites still sign with it (unless stopping them
// now), and wherever a behavior would be left trusting a key group with no key of its own — that
// needs the key replaced first, or a second consent naming the group (its paths are in the plan).
import type { SignedSite } from '../../../shared/contract/cloudfront.ts'
import type {
  Blocker,
  LiveLinks,
  RetireGroupPlan,
  RetirePlan,
  RetireRequest,
} from '../../../shared/contract/key-lifecycle.ts'
import type { KeySummary } from '../../../shared/contract/keys.ts'
import { formatUtc } from '../../../shared/expiry.ts'
import { KeyfrontError } from '../../../shared/errors.ts'
import { groupKeyIds, groupName } from '../key-groups.ts'
import {
  describePaths,
  findGroup,
  groupsHolding,
  mergeDistributions,
  publicKeysOf,
  trustingDistributions,
  type AccountSnapshot,
} from './account.ts'
import { agree, blocker, links } from './blockers.ts'

export interface RetireFacts {
  account: AccountSnapshot
  key: KeySummary
  sites: SignedSite[]
  liveLinks: LiveLinks
}

export function planRetirement(request: RetireRequest, facts: RetireFacts): RetirePlan {
  const { account, key } = facts
  const publicKeys = publicKeysOf(account, key.fingerprint).map((k) => ({ id: k.id, name: k.name }))
  const ids = publicKeys.map((k) => k.id)
  const forgotten = staleUploads(key, account.accountId, ids)
  const deletePrivateKey = request.deletePrivateKey === true
  if (ids.length === 0 && forgotten.length === 0 && !deletePrivateKey) {
    throw new KeyfrontError(
      'KEY_NOT_UPLOADED',
      `"${key.name}" is not uploaded to CloudFront in account ${account.accountId}, so no link signed with it works there and there is nothing to retire. To remove the key itself, delete it.`,
    )
  }
  const stop = request.stopLinksNow === true
  const blocked: Blocker[] = []
  /** Said last: replacing the key first, which the other reasons suggest too, also clears these. */
  const emptied: Blocker[] = []
  const warnings: string[] = []
  const allowed = (request.allowEmptyGroups ?? []).map((ref) => findGroup(account, ref)?.Id ?? ref)

  const groups: RetireGroupPlan[] = groupsHolding(account, ids).map((group) => {
    const id = group.Id ?? ''
    const name = groupName(group)
    const others = groupKeyIds(group).filter((keyId) => !ids.includes(keyId))
    const distributions = trustingDistributions(account, id)
    if (others.length > 0) return { id, name, action: 'remove-key', keysAfter: others.length, distributions }
    if (distributions.length === 0) {
      warnings.push(
        `Key group "${name}" is trusted by no behavior; it keeps a placeholder key that no one holds.`,
      )
    } else {
      const paths = describePaths(distributions)
      if (allowed.includes(id)) {
        warnings.push(
          `Key group "${name}" keeps only a placeholder key that no one holds: ${paths} refuse every link, including new ones, until a key is added to "${name}".`,
        )
      } else {
        emptied.push(
          blocker(
            'CF_LAST_KEY_IN_GROUP',
            `"${key.name}" is the only key in key group "${name}", trusted by ${paths}: without it every link there stops, including those of any new key. Replace the key first (keyfront keys rotate "${key.name}"), or allow "${name}" to be left with no key of its own (--allow-empty-group ${name}).`,
          ),
        )
      }
    }
    return { id, name, action: 'lock', keysAfter: 1, distributions }
  })

  if (facts.liveLinks.count > 0 && facts.liveLinks.lastExpiresAt !== undefined) {
    const until = formatUtc(facts.liveLinks.lastExpiresAt)
    if (stop) {
      warnings.push(
        `${links(facts.liveLinks.count)} signed with "${key.name}" ${agree(facts.liveLinks.count, 'stops', 'stop')} working once CloudFront has the change (usually within minutes); the last would have worked until ${until}.`,
      )
    } else {
      blocked.push(
        blocker(
          'KEY_LINKS_STILL_WORK',
          `${links(facts.liveLinks.count)} signed with "${key.name}" ${agree(facts.liveLinks.count, 'still works', 'still work')}, the last until ${until}. Retire it after that, or stop them all now (--stop-links-now; in the app: Stop all links signed with this key…).`,
        ),
      )
    }
  }
  const sites = facts.sites.filter((site) => site.keyId === key.id || ids.includes(site.keyPairId))
  if (sites.length > 0) {
    const names = sites.map((site) => site.domainName).join(', ')
    if (stop) {
      warnings.push(`Forgotten on this computer, as they would make links that do not work: ${names}.`)
    } else {
      blocked.push(
        blocker(
          'KEY_SITES_STILL_USE',
          `Sites on this computer still make links with "${key.name}": ${names}. Replace the key first (keyfront keys rotate "${key.name}"), which switches them to the new key.`,
        ),
      )
    }
  }
  const unknown = (request.allowEmptyGroups ?? []).filter((ref) => !findGroup(account, ref))
  if (unknown.length > 0) warnings.push(`No key group of this account is called ${unknown.join(', ')}.`)
  return {
    accountId: account.accountId,
    key: { id: key.id, name: key.name },
    publicKeys,
    keyGroups: groups,
    distributions: mergeDistributions(groups.map((g) => g.distributions)),
    liveLinks: facts.liveLinks,
    sites,
    deletePrivateKey,
    blocked: [...blocked, ...emptied],
    warnings,
    changes: ids.length > 0 || forgotten.length > 0 || deletePrivateKey,
  }
}

/**
 * Key-Pair-Ids recorded for this account that CloudFront no longer has: what a retirement that
 * stopped after DeletePublicKey left to forget.
 */
export function staleUploads(key: KeySummary, accountId: string, inAccount: string[]): string[] {
  return key.uploads
    .filter((u) => u.accountId === accountId && !inAccount.includes(u.keyPairId))
    .map((u) => u.keyPairId)
}
