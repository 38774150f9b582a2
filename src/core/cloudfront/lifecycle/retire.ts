// Applying a retirement plan, in an order that converges: the key leaves each key group (one edit
// per group, If-Match, re-read first — a group it already left is not edited again; the last key
// of a group is swapped for the placeholder), its public keys are deleted from CloudFront
// (If-Match), then this computer forgets what no longer works: the sites that signed with it, its
// Key-Pair-Ids, and — when asked — the key itself.
import type { RetirePlan, RetireResult } from '../../../shared/contract/key-lifecycle.ts'
import type { KeySummary } from '../../../shared/contract/keys.ts'
import type { KeyService } from '../../keys/key-service.ts'
import type { CloudFrontApi } from '../api.ts'
import { editGroupKeys } from '../key-groups.ts'
import { deletePublicKey } from '../public-keys.ts'
import { refuseIfBlocked } from './blockers.ts'
import { ensureLockKey } from './lock-key.ts'
import { staleUploads } from './retire-plan.ts'

export interface RetirementContext {
  api: CloudFrontApi
  keys: Pick<KeyService, 'recordRetired' | 'delete'>
  key: KeySummary
  forgetSite(distributionId: string): Promise<boolean>
}

export async function applyRetirement(plan: RetirePlan, context: RetirementContext): Promise<RetireResult> {
  refuseIfBlocked(plan)
  const { api, key } = context
  const ids = plan.publicKeys.map((k) => k.id)
  const removedFromGroups: string[] = []
  const lockedGroups: string[] = []
  for (const group of plan.keyGroups) {
    if (group.action === 'lock') {
      if (await editGroupKeys(api, group.id, { add: await ensureLockKey(api), remove: ids })) {
        lockedGroups.push(group.name)
      }
    } else if (await editGroupKeys(api, group.id, { remove: ids })) {
      removedFromGroups.push(group.name)
    }
  }
  const deletedPublicKeys: string[] = []
  for (const id of ids) if (await deletePublicKey(api, id)) deletedPublicKeys.push(id)

  const sitesForgotten: string[] = []
  for (const site of plan.sites) {
    if (await context.forgetSite(site.distributionId)) sitesForgotten.push(site.distributionId)
  }
  const forget = [...ids, ...staleUploads(key, plan.accountId, ids)]
  const recorded = key.uploads.some((u) => forget.includes(u.keyPairId))
  if (recorded) await context.keys.recordRetired(key.id, forget)
  if (plan.deletePrivateKey) await context.keys.delete(key.id)
  return {
    key: plan.key,
    removedFromGroups,
    lockedGroups,
    deletedPublicKeys,
    stoppedLinks: ids.length > 0 ? plan.liveLinks.count : 0,
    sitesForgotten,
    privateKeyDeleted: plan.deletePrivateKey,
    changed:
      removedFromGroups.length + lockedGroups.length + deletedPublicKeys.length + sitesForgotten.length > 0 ||
      recorded ||
      plan.deletePrivateKey,
  }
}
