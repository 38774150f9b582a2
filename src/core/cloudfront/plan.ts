// What onboarding (or detaching) would do, computed from the account as it is now and without
// changing anything: which public key is reused or uploaded, which key group is created or
// extended, and for each chosen behavior which key groups it trusts before and after — plus the
// consequences in plain words (unsigned requests get 403; a behavior becomes public again).
import type { Distribution, KeyGroup, PublicKeySummary } from '@aws-sdk/client-cloudfront'
import type {
  BehaviorChange,
  DetachRequest,
  OnboardPlan,
  OnboardRequest,
  TrustPlan,
} from '../../shared/contract/cloudfront.ts'
import type { KeySummary } from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { CloudFrontApi } from './api.ts'
import {
  DEFAULT_BEHAVIOR,
  changeTrust,
  trustedGroupIds,
  trustedSignerIds,
  type BehaviorRef,
} from './behaviors.ts'
import { groupNames, trustedGroups } from './distributions.ts'
import { MAX_KEYS_PER_GROUP, findGroupByName, fullGroupError, groupKeyIds } from './key-groups.ts'
import { findByFingerprint, publicKeyName } from './public-keys.ts'
import { behaviorsFor, type TrustMode } from './trust.ts'

/** Stands in for the id of a key group the plan would create (CloudFront ids never contain it). */
const NEW_GROUP = '\u0000new'

export function defaultKeyGroupName(distributionId: string): string {
  return `keyfront-${distributionId}`
}

export async function planOnboard(
  api: CloudFrontApi,
  request: OnboardRequest,
  context: { accountId: string; key: KeySummary },
): Promise<OnboardPlan> {
  const name = request.keyGroup ?? defaultKeyGroupName(request.distributionId)
  const [publicKeys, groups, { value: distribution }] = await Promise.all([
    api.listPublicKeys(),
    api.listKeyGroups(),
    api.getDistribution(request.distributionId),
  ])
  const { publicKey, group, keyGroupAction } = keyInGroupPlan(publicKeys, groups, context.key, name)
  const trust = trustPlan(
    distribution,
    groups,
    { id: group?.Id ?? NEW_GROUP, name },
    request.behaviors,
    'attach',
  )
  if (keyGroupAction.action === 'add-key' && group?.Id) {
    const others = (await api.listDistributionIdsByKeyGroup(group.Id)).filter(
      (id) => id !== request.distributionId,
    )
    if (others.length > 0) {
      trust.warnings.push(
        `The key group "${name}" is also trusted by ${others.join(', ')}: those distributions will accept links signed with this key too.`,
      )
    }
  }
  return {
    ...trust,
    accountId: context.accountId,
    key: { id: context.key.id, name: context.key.name, fingerprint: context.key.fingerprint },
    publicKey,
    keyGroupAction,
    changes: trust.changes || publicKey.action === 'upload' || keyGroupAction.action !== 'none',
  }
}

export async function planDetach(api: CloudFrontApi, request: DetachRequest): Promise<TrustPlan> {
  const [groups, { value: distribution }] = await Promise.all([
    api.listKeyGroups(),
    api.getDistribution(request.distributionId),
  ])
  const group = findGroupByName(groups, request.keyGroup)
  if (!group?.Id) {
    throw new KeyfrontError(
      'CF_NO_SUCH_KEY_GROUP',
      `There is no key group named "${request.keyGroup}" in this account. Check the name against the list of key groups.`,
    )
  }
  return trustPlan(
    distribution,
    groups,
    { id: group.Id, name: request.keyGroup },
    request.behaviors,
    'detach',
  )
}

/**
 * Whether the key is uploaded already (matched by fingerprint) and what becomes of the key group of
 * this name: created, extended with the key, or left as it is. Throws when the group is full.
 */
export function keyInGroupPlan(
  publicKeys: PublicKeySummary[],
  groups: KeyGroup[],
  key: Pick<KeySummary, 'name' | 'fingerprint'>,
  groupName: string,
): {
  publicKey: OnboardPlan['publicKey']
  group: KeyGroup | undefined
  keyGroupAction: OnboardPlan['keyGroupAction']
} {
  const existingKey = findByFingerprint(publicKeys, key.fingerprint)
  const group = findGroupByName(groups, groupName)
  const publicKey: OnboardPlan['publicKey'] = existingKey?.Id
    ? { action: 'reuse', id: existingKey.Id, name: existingKey.Name ?? '' }
    : { action: 'upload', name: publicKeyName(key) }
  return { publicKey, group, keyGroupAction: groupAction(group, existingKey?.Id, groupName) }
}

function groupAction(group: KeyGroup | undefined, publicKeyId: string | undefined, name: string) {
  if (!group) return { action: 'create' as const, keysAfter: 1 }
  const keys = groupKeyIds(group)
  if (publicKeyId && keys.includes(publicKeyId)) return { action: 'none' as const, keysAfter: keys.length }
  if (keys.length >= MAX_KEYS_PER_GROUP) throw fullGroupError(name)
  return { action: 'add-key' as const, keysAfter: keys.length + 1 }
}

function trustPlan(
  distribution: Distribution,
  groups: KeyGroup[],
  group: { id: string; name: string },
  selectors: string[] | undefined,
  mode: TrustMode,
): TrustPlan {
  const config = distribution.DistributionConfig
  if (!config)
    throw new KeyfrontError(
      'AWS_ERROR',
      'CloudFront sent a distribution without its configuration. Try again.',
    )
  const names = groupNames(groups)
  names.set(group.id, group.name)
  const chosen = behaviorsFor(config, group.id, selectors, mode)
  const { changes } = changeTrust(
    config,
    group.id,
    chosen.map((ref) => ref.selector),
    mode,
  )
  const named = (ids: string[]) =>
    trustedGroups(ids, names).map((g) => (g.id === NEW_GROUP ? { name: group.name } : g))
  const behaviors: BehaviorChange[] = chosen.map((ref) => {
    const change = changes.find((c) => c.selector === ref.selector)
    const before = trustedGroupIds(ref.behavior)
    return {
      selector: ref.selector,
      before: named(before),
      after: named(change?.after ?? before),
      trustedSigners: trustedSignerIds(ref.behavior),
      changes: change !== undefined,
    }
  })
  const plan: TrustPlan = {
    distributionId: distribution.Id ?? '',
    domainName: distribution.DomainName ?? '',
    status: distribution.Status ?? 'Unknown',
    keyGroup: group.id === NEW_GROUP ? { name: group.name } : { id: group.id, name: group.name },
    behaviors,
    warnings: warnings(behaviors, chosen, distribution, mode, group.name),
    changes: changes.length > 0,
  }
  return plan
}

export function describeBehavior(selector: string): string {
  return selector === DEFAULT_BEHAVIOR
    ? 'the default behavior (paths no other behavior matches)'
    : `"${selector}"`
}

/** Behaviors in a sentence: "a", "a and b", "a, b and c" — the default behavior last, it reads best there. */
function behaviorList(changes: BehaviorChange[]): string {
  const ordered = [...changes].sort(
    (a, b) => Number(a.selector === DEFAULT_BEHAVIOR) - Number(b.selector === DEFAULT_BEHAVIOR),
  )
  return joinWords(ordered.map((b) => describeBehavior(b.selector)))
}

function joinWords(words: string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '')
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function warnings(
  behaviors: BehaviorChange[],
  chosen: BehaviorRef[],
  distribution: Distribution,
  mode: TrustMode,
  groupName: string,
): string[] {
  const list: string[] = []
  const changing = behaviors.filter((b) => b.changes)
  const domain = distribution.DomainName ?? 'the distribution'
  if (mode === 'attach') {
    const newlyPrivate = changing.filter((b) => b.before.length === 0 && b.trustedSigners.length === 0)
    if (newlyPrivate.length > 0) {
      list.push(
        `Once deployed, requests to ${domain} for ${behaviorList(newlyPrivate)} without a valid signed link or signed cookies get 403 Forbidden. Plain links shared before stop working.`,
      )
    }
  } else {
    const nowPublic = changing.filter((b) => b.after.length === 0 && b.trustedSigners.length === 0)
    if (nowPublic.length > 0) {
      list.push(
        `Once deployed, ${behaviorList(nowPublic)} no longer require${nowPublic.length === 1 ? 's' : ''} signed links: anyone who knows a URL on ${domain} can open those files.`,
      )
    }
    if (changing.length > 0) {
      list.push(
        `Links signed with the keys of "${groupName}" stop working there once the change is deployed.`,
      )
    }
  }
  for (const b of chosen.filter((ref) => trustedSignerIds(ref.behavior).length > 0)) {
    list.push(
      `${capitalize(describeBehavior(b.selector))} also trusts legacy CloudFront key pairs (trusted signers); Keyfront leaves them as they are.`,
    )
  }
  if (changing.length > 0 && distribution.Status === 'InProgress') {
    list.push('An earlier change to this distribution is still deploying; this one deploys after it.')
  }
  return list
}
