// The onboarding steps, in an order that converges: whichever step failed last time, running it
// again finds what earlier runs did (the public key by fingerprint, the key group by name, the
// behaviors already trusting it) and only does what is left — no duplicate keys or groups.
import type { OnboardRequest, OnboardResult } from '../../shared/contract/cloudfront.ts'
import type { KeyDirectory } from '../keys/signing-key.ts'
import type { CloudFrontApi } from './api.ts'
import { ensureKeyInGroup } from './key-groups.ts'
import { planOnboard } from './plan.ts'
import { ensurePublicKey } from './public-keys.ts'
import { applyTrust } from './trust.ts'

export async function runOnboarding(
  api: CloudFrontApi,
  request: OnboardRequest,
  context: { accountId: string; keys: KeyDirectory },
): Promise<OnboardResult> {
  const { accountId, keys } = context
  const key = await keys.find(request.key)
  // Planning first checks everything that can be checked (behaviors exist, quotas) before any change.
  const plan = await planOnboard(api, request, { accountId, key })
  const publicKey = await ensurePublicKey(api, key, await keys.publicKeyPem(key.id))
  if (!key.uploads.some((u) => u.keyPairId === publicKey.id && u.accountId === accountId)) {
    await keys.recordUpload(key.id, { keyPairId: publicKey.id, accountId })
  }
  const group = await ensureKeyInGroup(api, plan.keyGroup.name, publicKey.id)
  const trust = await applyTrust(api, request.distributionId, group.id, request.behaviors, 'attach')
  return {
    distributionId: request.distributionId,
    keyGroupId: group.id,
    keyGroupName: group.name,
    changedBehaviors: trust.changedBehaviors,
    status: trust.status,
    accountId,
    publicKeyId: publicKey.id,
    publicKeyUploaded: !publicKey.reused,
    keyGroupCreated: group.created,
    keyAddedToGroup: group.keyAdded,
    changed: !publicKey.reused || group.created || group.keyAdded || trust.changedBehaviors.length > 0,
  }
}
