// What replacing a key would do, from one read of the account and without changing anything: the
// new key (made, or the one an earlier run made), its upload, and for every key group holding the
// old key how the new key gets in — added; swapped for a key nothing here needs when the group is
// at CloudFront's 5-key limit; or put in a new group trusted by the same behaviors (within their
// 4-group limit). Keys Keyfront does not hold are never touched. Sites here switch to the new key;
// the old key stays in every group, so no link stops working.
import type { KeyGroup } from '@aws-sdk/client-cloudfront'
import type { SignedSite } from '../../../shared/contract/cloudfront.ts'
import type {
  Blocker,
  GroupKey,
  LiveLinks,
  RotateGroupPlan,
  RotatePlan,
  RotateRequest,
} from '../../../shared/contract/key-lifecycle.ts'
import { KEY_NAME_MAX, type KeySummary } from '../../../shared/contract/keys.ts'
import { formatUtc } from '../../../shared/expiry.ts'
import { KeyfrontError } from '../../../shared/errors.ts'
import type { LiveLinkFacts } from '../../history/history-store.ts'
import type { KeyLifecycle } from '../../keys/key-file.ts'
import { MAX_KEY_GROUPS_PER_BEHAVIOR } from '../behaviors.ts'
import { MAX_KEYS_PER_GROUP, findGroupByName, groupKeyIds, groupName } from '../key-groups.ts'
import {
  behaviorTrust,
  groupKeys,
  groupsHolding,
  publicKeysOf,
  trustingDistributions,
  type AccountSnapshot,
} from './account.ts'
import { agree, blocker, links } from './blockers.ts'

export interface RotateFacts {
  account: AccountSnapshot
  oldKey: KeySummary
  lifecycle: KeyLifecycle
  /** The replacement an earlier run made, if it still exists. */
  replacement: KeySummary | undefined
  held: KeySummary[]
  sites: SignedSite[]
  livePerKeyPair: Map<string, LiveLinkFacts>
  oldLiveLinks: LiveLinks
  /** Epoch ms, for the default name. */
  now: number
}

export function planRotation(request: RotateRequest, facts: RotateFacts): RotatePlan {
  const { account, oldKey, replacement } = facts
  const oldIds = publicKeysOf(account, oldKey.fingerprint).map((key) => key.id)
  if (oldIds.length === 0) throw notUploaded(oldKey, account.accountId)
  const blocked: Blocker[] = []
  const warnings: string[] = []

  const keptIn = (replacement ?? oldKey).kms
  const newKey: RotatePlan['newKey'] = {
    ...(replacement
      ? { action: 'reuse', id: replacement.id, name: replacement.name, type: replacement.type }
      : {
          action: 'create',
          name: request.name?.trim() || defaultName(oldKey.name, facts.now),
          type: request.type ?? oldKey.type,
        }),
    ...(keptIn && { kmsRegion: keptIn.region }),
  }
  if (replacement) {
    warnings.push(
      `An earlier run already made "${replacement.name}" to replace "${oldKey.name}"; this run continues with it.`,
    )
  } else {
    const clash = facts.held.find((key) => key.name.toLowerCase() === newKey.name.toLowerCase())
    if (clash) {
      blocked.push(
        blocker(
          'KEY_NAME_TAKEN',
          `A key named "${clash.name}" already exists. Give the new key another name (--name).`,
        ),
      )
    }
  }
  const newPublicId = replacement ? publicKeysOf(account, replacement.fingerprint)[0]?.id : undefined

  const groups = groupsHolding(account, oldIds).map((group) =>
    planGroup(group, { request, facts, oldIds, newPublicId, blocked, warnings }),
  )
  const unused = (request.removeKeys ?? []).filter((id) => !groups.some((g) => g.remove === id))
  if (unused.length > 0) {
    warnings.push(`Not removed (no full key group needed it): ${unused.join(', ')}.`)
  }

  const sites = sitesToSwitch(facts, oldIds, groups, warnings)
  const live = facts.oldLiveLinks
  warnings.push(
    live.count > 0 && live.lastExpiresAt !== undefined
      ? `No link stops working: ${links(live.count)} signed with "${oldKey.name}" ${agree(live.count, 'keeps', 'keep')} working until ${formatUtc(live.lastExpiresAt)}, and it stays in its key groups until you retire it.`
      : `No link signed with "${oldKey.name}" is still working: once replaced, it can be retired right away.`,
  )
  const markRetiring = facts.lifecycle.retiringSince === undefined
  return {
    accountId: account.accountId,
    oldKey: { id: oldKey.id, name: oldKey.name, publicKeyIds: oldIds },
    newKey,
    upload: newPublicId ? { action: 'reuse', id: newPublicId } : { action: 'upload' },
    keyGroups: groups,
    sites,
    markRetiring,
    liveLinks: live,
    blocked,
    warnings,
    changes:
      newKey.action === 'create' ||
      newPublicId === undefined ||
      groups.some((g) => g.action !== 'none') ||
      sites.length > 0 ||
      markRetiring,
  }
}

interface GroupContext {
  request: RotateRequest
  facts: RotateFacts
  oldIds: string[]
  newPublicId: string | undefined
  blocked: Blocker[]
  warnings: string[]
}

function planGroup(group: KeyGroup, context: GroupContext): RotateGroupPlan {
  const { facts, newPublicId, blocked } = context
  const { account } = facts
  const id = group.Id ?? ''
  const name = groupName(group)
  const keys = groupKeys(account, group)
  const items = groupKeyIds(group)
  const removable = keys.filter((key) => whyKept(key, context) === undefined).map((key) => key.id)
  const base = { id, name, keys, removable, distributions: trustingDistributions(account, id) }
  if (newPublicId !== undefined && items.includes(newPublicId)) return { ...base, action: 'none' }

  const foreign = keys.filter((key) => !key.heldKey)
  if (foreign.length > 0) {
    context.warnings.push(
      `Key group "${name}" also holds keys Keyfront does not hold here (${foreign.map((k) => k.name ?? k.id).join(', ')}): they stay as they are.`,
    )
  }
  const successorName = successorGroupName(name, facts.oldKey.fingerprint)
  const successor = findGroupByName(account.groups, successorName)
  const viaSuccessor = {
    ...base,
    newGroupName: successorName,
    ...(successor?.Id && { newGroupId: successor.Id }),
  }
  if (successor) {
    const done =
      newPublicId !== undefined &&
      groupKeyIds(successor).includes(newPublicId) &&
      base.distributions.every((d) =>
        d.behaviors.every((b) => behaviorTrust(account, d.id, b, successor.Id).trusts),
      )
    if (done) return { ...viaSuccessor, action: 'none' }
    checkBehaviorRoom(viaSuccessor, account, successor.Id, blocked)
    return { ...viaSuccessor, action: 'new-group' }
  }
  if (items.length < MAX_KEYS_PER_GROUP) return { ...base, action: 'add-key' }

  const chosen = context.request.removeKeys?.find((keyId) => items.includes(keyId))
  if (chosen !== undefined) {
    const reason = whyKept(keys.find((key) => key.id === chosen) ?? { id: chosen }, context)
    if (reason !== undefined) {
      blocked.push(
        blocker('INVALID_INPUT', `Key ${chosen} cannot leave key group "${name}" to make room: ${reason}.`),
      )
    }
    return { ...base, action: 'swap', remove: chosen }
  }
  if (context.request.newGroup) {
    checkBehaviorRoom(viaSuccessor, account, undefined, blocked)
    return { ...viaSuccessor, action: 'new-group' }
  }
  const choices = removable.length
    ? `Choose a key to take out to make room — one no site here uses and no live link needs: ${removable.join(', ')} (--remove-key ID)`
    : 'None of its keys can be taken out safely (keys Keyfront does not hold here are left as they are)'
  blocked.push(
    blocker(
      'CF_TOO_MANY_KEYS_IN_GROUP',
      `Key group "${name}" already holds ${MAX_KEYS_PER_GROUP} keys, CloudFront's limit. ${choices}; or put the new key in a group of its own, trusted by the same paths (--new-group).`,
    ),
  )
  return { ...base, action: 'full' }
}

/** Why a key of the group must stay; undefined when it may leave to make room. */
function whyKept(key: GroupKey, context: GroupContext): string | undefined {
  const { facts } = context
  if (context.oldIds.includes(key.id)) return 'it is the key being replaced'
  if (key.id === context.newPublicId) return 'it is the new key'
  if (!key.heldKey) return 'Keyfront does not hold it here, so it cannot tell who signs with it'
  const site = facts.sites.find((s) => s.keyPairId === key.id)
  if (site) return `the site ${site.domainName} signs with it`
  const live = facts.livePerKeyPair.get(key.id)
  if (live && live.count > 0)
    return `${links(live.count)} signed with it ${agree(live.count, 'still works', 'still work')}`
  return undefined
}

/** A new group must fit in every behavior that trusts the full one (4 groups per behavior). */
function checkBehaviorRoom(
  group: Pick<RotateGroupPlan, 'name' | 'distributions'>,
  account: AccountSnapshot,
  successorId: string | undefined,
  blocked: Blocker[],
): void {
  for (const distribution of group.distributions) {
    for (const behavior of distribution.behaviors) {
      const trust = behaviorTrust(account, distribution.id, behavior, successorId)
      if (!trust.trusts && trust.count >= MAX_KEY_GROUPS_PER_BEHAVIOR) {
        blocked.push(
          blocker(
            'CF_TOO_MANY_KEY_GROUPS_ON_DISTRIBUTION',
            `Behavior "${behavior}" of ${distribution.id} already trusts ${trust.count} key groups, CloudFront's limit, so the new key cannot have a group of its own there. Take a key out of "${group.name}" instead (--remove-key ID).`,
          ),
        )
      }
    }
  }
}

/** The sites here that sign with the old key and switch to the new one with its group. */
function sitesToSwitch(
  facts: RotateFacts,
  oldIds: string[],
  groups: RotateGroupPlan[],
  warnings: string[],
): RotatePlan['sites'] {
  const sites: RotatePlan['sites'] = []
  for (const site of facts.sites) {
    if (site.accountId !== facts.account.accountId) continue
    if (site.keyId !== facts.oldKey.id && !oldIds.includes(site.keyPairId)) continue
    const group = groups.find((g) => g.id === site.keyGroupId)
    if (!group) {
      warnings.push(
        `The site ${site.domainName} signs through key group "${site.keyGroupName}", which no longer holds "${facts.oldKey.name}": it is left as it is. Onboard it again with the new key.`,
      )
      continue
    }
    if (group.action === 'full') continue
    sites.push({
      distributionId: site.distributionId,
      domainName: site.domainName,
      keyGroupName: group.newGroupName ?? group.name,
    })
  }
  return sites
}

/** "Shop 2026-11-03": the old name and today's date (UTC), within the name limit. */
function defaultName(oldName: string, now: number): string {
  const date = new Date(now).toISOString().slice(0, 10)
  return `${oldName.slice(0, KEY_NAME_MAX - date.length - 1).trimEnd()} ${date}`
}

/** The group a full group's new key goes to: named after the group and the key it replaces. */
export function successorGroupName(name: string, oldFingerprint: string): string {
  return `${name.slice(0, 119)}-${oldFingerprint.replaceAll(':', '').slice(0, 8)}`
}

function notUploaded(key: KeySummary, accountId: string): KeyfrontError {
  const elsewhere = [
    ...new Set(key.uploads.flatMap((u) => (u.accountId && u.accountId !== accountId ? [u.accountId] : []))),
  ]
  const where = elsewhere.length
    ? ` It was uploaded in account ${elsewhere.join(', ')}: choose that account's profile.`
    : ' No link can depend on it, so there is nothing to replace: just upload it (Upload to CloudFront, or keyfront cloudfront upload KEY).'
  return new KeyfrontError(
    'KEY_NOT_UPLOADED',
    `"${key.name}" is not uploaded to CloudFront in account ${accountId}.${where}`,
  )
}
