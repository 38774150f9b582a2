// Applying a rotation plan, in an order that converges: the new key is made and recorded on the
// old one in one write (a re-run finds it), its upload is found by fingerprint, each key group is
// edited once with If-Match and re-read first (a group already holding the new key is left
// alone), sites switch, and the old key is marked retiring last.
import type { SignedSite } from '../../../shared/contract/cloudfront.ts'
import type { RotateGroupPlan, RotatePlan, RotateResult } from '../../../shared/contract/key-lifecycle.ts'
import type { KeySummary } from '../../../shared/contract/keys.ts'
import type { KeyService, MakeKmsKey } from '../../keys/key-service.ts'
import type { CloudFrontApi } from '../api.ts'
import { editGroupKeys, ensureKeyInGroup } from '../key-groups.ts'
import { ensurePublicKey } from '../public-keys.ts'
import { applyTrust } from '../trust.ts'
import { refuseIfBlocked } from './blockers.ts'

export interface RotationContext {
  api: CloudFrontApi
  accountId: string
  keys: Pick<KeyService, 'createReplacement' | 'publicKeyPem' | 'recordUpload' | 'markRetiring'>
  oldKey: KeySummary
  /** Makes the new key in AWS KMS when the old one is kept there. */
  makeKmsKey: MakeKmsKey
  sites: SignedSite[]
  /** Remembers a site as it now is (SignedSites.remember). */
  rememberSite(site: SignedSite): Promise<void>
  /** Told of each distribution that is deploying a change this rotation made (now or in an earlier run). */
  onDistributionChanged(distributionId: string): Promise<void>
}

export async function applyRotation(plan: RotatePlan, context: RotationContext): Promise<RotateResult> {
  refuseIfBlocked(plan)
  const { api, accountId, keys } = context
  const { key: newKey, created } = await keys.createReplacement(
    context.oldKey.id,
    { name: plan.newKey.name, type: plan.newKey.type },
    context.makeKmsKey,
  )
  const upload = await ensurePublicKey(api, newKey, await keys.publicKeyPem(newKey.id))
  if (!newKey.uploads.some((u) => u.keyPairId === upload.id && u.accountId === accountId)) {
    await keys.recordUpload(newKey.id, { keyPairId: upload.id, accountId })
  }

  const groupsChanged: string[] = []
  const groupsCreated: string[] = []
  const distributionsChanged: string[] = []
  /** Where each site's group sends the new key: the group itself, or the new group made for it. */
  const siteGroups = new Map<string, { id: string; name: string }>()
  for (const group of plan.keyGroups) {
    if (group.action === 'add-key' || group.action === 'swap') {
      const remove = group.remove === undefined ? [] : [group.remove]
      if (await editGroupKeys(api, group.id, { add: upload.id, remove })) groupsChanged.push(group.name)
      siteGroups.set(group.id, { id: group.id, name: group.name })
    } else if (group.action === 'new-group' && group.newGroupName !== undefined) {
      const made = await ensureKeyInGroup(api, group.newGroupName, upload.id)
      if (made.created) groupsCreated.push(made.name)
      else if (made.keyAdded) groupsChanged.push(made.name)
      distributionsChanged.push(...(await trustNewGroup(group, made.id, context)))
      siteGroups.set(group.id, { id: made.id, name: made.name })
    } else if (group.action === 'none') {
      // A new group an earlier run made and had trusted: that run may have failed after the
      // distribution took the change, before it could be followed while it deploys.
      if (group.newGroupId !== undefined) await trustNewGroup(group, group.newGroupId, context)
      siteGroups.set(group.id, { id: group.newGroupId ?? group.id, name: group.newGroupName ?? group.name })
    }
  }

  const sitesSwitched: string[] = []
  for (const site of context.sites) {
    if (!plan.sites.some((s) => s.distributionId === site.distributionId)) continue
    const group = siteGroups.get(site.keyGroupId)
    if (!group) continue
    await context.rememberSite({
      ...site,
      keyId: newKey.id,
      keyPairId: upload.id,
      keyGroupId: group.id,
      keyGroupName: group.name,
    })
    sitesSwitched.push(site.distributionId)
  }
  const marked = await keys.markRetiring(context.oldKey.id)
  const live = plan.liveLinks
  return {
    oldKey: { id: context.oldKey.id, name: context.oldKey.name },
    newKey: {
      id: newKey.id,
      name: newKey.name,
      keyPairId: upload.id,
      ...(newKey.kms && { kmsRegion: newKey.kms.region }),
    },
    keyCreated: created,
    uploaded: !upload.reused,
    groupsChanged,
    groupsCreated,
    distributionsChanged,
    sitesSwitched,
    liveLinks:
      live.lastExpiresAt === undefined
        ? { count: live.count }
        : { count: live.count, lastExpiresAt: live.lastExpiresAt },
    changed:
      created ||
      !upload.reused ||
      groupsChanged.length + groupsCreated.length + distributionsChanged.length + sitesSwitched.length > 0 ||
      marked,
  }
}

/**
 * Has every behavior that trusts the full group trust the new group too, and tells of each
 * distribution now deploying — changed by this run, or still InProgress after an earlier one.
 * Returns the distributions this run changed.
 */
async function trustNewGroup(
  group: RotateGroupPlan,
  groupId: string,
  context: RotationContext,
): Promise<string[]> {
  const changed: string[] = []
  for (const distribution of group.distributions) {
    const trust = await applyTrust(context.api, distribution.id, groupId, distribution.behaviors, 'attach')
    if (trust.changedBehaviors.length > 0) changed.push(distribution.id)
    if (trust.changedBehaviors.length > 0 || trust.status === 'InProgress') {
      await context.onDistributionChanged(distribution.id)
    }
  }
  return changed
}
