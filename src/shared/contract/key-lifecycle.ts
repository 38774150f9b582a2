// Channels of a key's life after it is made: where it is used (key groups, the distributions and
// behaviors that trust them, sites here, links still working), replacing it with a new key, and
// retiring it — or stopping every link signed with it now. Each change is planned first; the plan
// says what would change and, in `blocked`, why applying would be refused. Link expiries are epoch
// seconds (as in History); other times are epoch milliseconds.
import { z } from 'zod'
import { HeldKeyRef, ProfileName, SignedSite } from './cloudfront.ts'
import { channel } from './define.ts'
import { KeyType } from './keys.ts'

const KeyRef = z.string().min(1).max(200)
const Profile = ProfileName.optional()
const PublicKeyId = z.string().min(1).max(128)

/**
 * Not uploaded: CloudFront has no public key for it. In use: uploaded and not being replaced.
 * Retiring: replaced, and links signed with it still work. Can be retired: replaced, and its last
 * link has expired — removing it from CloudFront stops nothing.
 */
export const KeyStatus = z.enum(['legacy', 'not-uploaded', 'in-use', 'retiring', 'can-be-retired'])
export type KeyStatus = z.infer<typeof KeyStatus>

/** A key's status from what this computer knows (keys.json and History), without asking AWS. */
export const KeyStatusInfo = z.object({
  keyId: z.string(),
  status: KeyStatus,
  /** Links in History, signed with one of the key's Key-Pair-Ids, that have not expired. */
  liveLinks: z.number().int().nonnegative(),
  /** Epoch seconds: when the last of those stops working. */
  lastLinkExpiresAt: z.number().int().optional(),
  /** Epoch milliseconds: when it was replaced and marked retiring. */
  retiringSince: z.number().optional(),
  replacedBy: HeldKeyRef.optional(),
  /** Epoch milliseconds: when the user was last told it can be retired (shown once). */
  remindedAt: z.number().optional(),
})
export type KeyStatusInfo = z.infer<typeof KeyStatusInfo>

export const LiveLink = z.object({
  /** The History entry. */
  id: z.number().int(),
  label: z.string().optional(),
  url: z.string(),
  keyPairId: z.string(),
  /** Epoch seconds. */
  expiresAt: z.number().int(),
  distributionId: z.string().optional(),
})
export type LiveLink = z.infer<typeof LiveLink>

/** Links still working, latest expiry first; `shown` holds at most the first 200 of `count`. */
export const LiveLinks = z.object({
  count: z.number().int().nonnegative(),
  /** Epoch seconds. */
  lastExpiresAt: z.number().int().optional(),
  shown: z.array(LiveLink),
})
export type LiveLinks = z.infer<typeof LiveLinks>

/** A distribution and the behaviors ("default" or path patterns) of it that trust a key group. */
export const TrustingDistribution = z.object({
  id: z.string(),
  domainName: z.string(),
  behaviors: z.array(z.string()),
})
export type TrustingDistribution = z.infer<typeof TrustingDistribution>

export const GroupKey = z.object({
  /** The public key id (Key-Pair-Id). */
  id: z.string(),
  name: z.string().optional(),
  /** Set when Keyfront on this computer holds the private half. */
  heldKey: HeldKeyRef.optional(),
})
export type GroupKey = z.infer<typeof GroupKey>

export const UsageGroup = z.object({
  id: z.string(),
  name: z.string(),
  keys: z.array(GroupKey),
  distributions: z.array(TrustingDistribution),
})
export type UsageGroup = z.infer<typeof UsageGroup>

export const KeyUsage = z.object({
  key: HeldKeyRef.extend({ type: KeyType, fingerprint: z.string() }),
  accountId: z.string(),
  status: KeyStatus,
  /** The key's public keys in this account (usually one). */
  publicKeys: z.array(z.object({ id: z.string(), name: z.string() })),
  keyGroups: z.array(UsageGroup),
  /** Sites onboarded from this computer that sign with the key. */
  sites: z.array(SignedSite),
  liveLinks: LiveLinks,
  retiringSince: z.number().optional(),
  replacedBy: HeldKeyRef.optional(),
})
export type KeyUsage = z.infer<typeof KeyUsage>

/** Why applying a plan would be refused: the error code it would fail with, and what to do. */
export const Blocker = z.object({ code: z.string(), message: z.string() })
export type Blocker = z.infer<typeof Blocker>

export const RotateRequest = z.object({
  profile: Profile,
  key: KeyRef,
  /** The new key's type; default: the old key's. */
  type: KeyType.optional(),
  /** The new key's name; default: the old name and today's date. */
  name: z.string().max(200).optional(),
  /** Key-Pair-Ids to take out of key groups at their 5-key limit, to make room (see `removable`). */
  removeKeys: z.array(PublicKeyId).max(20).optional(),
  /** For a full key group: put the new key in a new group trusted by the same behaviors instead. */
  newGroup: z.boolean().optional(),
})
export type RotateRequest = z.infer<typeof RotateRequest>

export const RotateGroupPlan = z.object({
  id: z.string(),
  name: z.string(),
  keys: z.array(GroupKey),
  /**
   * add-key: the new key joins; swap: `remove` leaves and the new key joins, in one edit; none:
   * already holds the new key; new-group: full, so the new key goes into `newGroupName`, trusted by
   * the same behaviors; full: at 5 keys and no choice made (see `removable`).
   */
  action: z.enum(['add-key', 'swap', 'none', 'new-group', 'full']),
  remove: z.string().optional(),
  /** Keys of this group that no site here uses and no live link needs: may leave to make room. */
  removable: z.array(z.string()),
  newGroupName: z.string().optional(),
  /** Set once that group exists (an earlier run made it). */
  newGroupId: z.string().optional(),
  distributions: z.array(TrustingDistribution),
})
export type RotateGroupPlan = z.infer<typeof RotateGroupPlan>

export const RotatePlan = z.object({
  accountId: z.string(),
  oldKey: HeldKeyRef.extend({ publicKeyIds: z.array(z.string()) }),
  newKey: z.object({
    /** reuse: a replacement an earlier run created (recorded on the old key). */
    action: z.enum(['create', 'reuse']),
    id: z.string().optional(),
    name: z.string(),
    type: KeyType,
    /** Set when the new key is kept in AWS KMS (in this region), as the key it replaces is; else the keychain. */
    kmsRegion: z.string().optional(),
  }),
  upload: z.object({ action: z.enum(['upload', 'reuse']), id: z.string().optional() }),
  keyGroups: z.array(RotateGroupPlan),
  /** Sites here that switch to the new key. */
  sites: z.array(z.object({ distributionId: z.string(), domainName: z.string(), keyGroupName: z.string() })),
  /** Whether the old key still has to be marked retiring. */
  markRetiring: z.boolean(),
  liveLinks: LiveLinks,
  blocked: z.array(Blocker),
  warnings: z.array(z.string()),
  changes: z.boolean(),
})
export type RotatePlan = z.infer<typeof RotatePlan>

export const RotateResult = z.object({
  oldKey: HeldKeyRef,
  /** kmsRegion: set when the new key is kept in AWS KMS. */
  newKey: HeldKeyRef.extend({ keyPairId: z.string(), kmsRegion: z.string().optional() }),
  keyCreated: z.boolean(),
  uploaded: z.boolean(),
  /** Names of the key groups edited by this run (the new key added, a key swapped out). */
  groupsChanged: z.array(z.string()),
  groupsCreated: z.array(z.string()),
  /** Distributions whose behaviors now also trust a new key group (deploying). */
  distributionsChanged: z.array(z.string()),
  sitesSwitched: z.array(z.string()),
  /** The old key's live links, which keep working until they expire. */
  liveLinks: z.object({ count: z.number().int(), lastExpiresAt: z.number().int().optional() }),
  changed: z.boolean(),
})
export type RotateResult = z.infer<typeof RotateResult>

export const RetireRequest = z.object({
  profile: Profile,
  key: KeyRef,
  /** Remove it although links signed with it still work: they all stop. */
  stopLinksNow: z.boolean().optional(),
  /**
   * Key groups (id or name) that may be left with no key of their own: Keyfront puts a placeholder
   * key nobody holds in them, so the paths that trust them refuse every link until a key is added.
   */
  allowEmptyGroups: z.array(z.string().min(1).max(128)).max(20).optional(),
  /** Also delete the key from Keyfront (its private key leaves the OS keychain). */
  deletePrivateKey: z.boolean().optional(),
})
export type RetireRequest = z.infer<typeof RetireRequest>

export const RetireGroupPlan = z.object({
  id: z.string(),
  name: z.string(),
  /** remove-key: the key leaves, others stay; lock: it was the only key — a placeholder takes its place. */
  action: z.enum(['remove-key', 'lock']),
  /** Keys the group holds afterwards (the placeholder counts). */
  keysAfter: z.number().int(),
  distributions: z.array(TrustingDistribution),
})
export type RetireGroupPlan = z.infer<typeof RetireGroupPlan>

export const RetirePlan = z.object({
  accountId: z.string(),
  key: HeldKeyRef,
  /** Public keys deleted from CloudFront (DeletePublicKey). */
  publicKeys: z.array(z.object({ id: z.string(), name: z.string() })),
  keyGroups: z.array(RetireGroupPlan),
  /** Every distribution whose behaviors trust one of those groups. */
  distributions: z.array(TrustingDistribution),
  /** Links that stop working (only with stopLinksNow; otherwise their presence blocks). */
  liveLinks: LiveLinks,
  /** Sites here that sign with the key: forgotten when its links are stopped. */
  sites: z.array(SignedSite),
  deletePrivateKey: z.boolean(),
  blocked: z.array(Blocker),
  warnings: z.array(z.string()),
  changes: z.boolean(),
})
export type RetirePlan = z.infer<typeof RetirePlan>

export const RetireResult = z.object({
  key: HeldKeyRef,
  /** Names of the groups the key left. */
  removedFromGroups: z.array(z.string()),
  /** Names of the groups that now hold only the placeholder key. */
  lockedGroups: z.array(z.string()),
  deletedPublicKeys: z.array(z.string()),
  stoppedLinks: z.number().int().nonnegative(),
  sitesForgotten: z.array(z.string()),
  privateKeyDeleted: z.boolean(),
  changed: z.boolean(),
})
export type RetireResult = z.infer<typeof RetireResult>

export const keyLifecycleContract = {
  /** Every key's status from keys.json and History (no AWS call): the Keys list and its badge. */
  'keys.statuses': channel(z.undefined(), z.array(KeyStatusInfo)),
  /** Records that the user was told the key can be retired, so the reminder is shown once. */
  'keys.markReminded': channel(z.object({ ref: KeyRef }), z.undefined()),
  'keys.usage': channel(z.object({ profile: Profile, key: KeyRef }), KeyUsage),
  'keys.planRotate': channel(RotateRequest, RotatePlan),
  /** Applies the rotation; a run that stopped half-way is finished by running it again. */
  'keys.rotate': channel(RotateRequest, RotateResult),
  /** With stopLinksNow: "Stop all links signed with this key…". */
  'keys.planRetire': channel(RetireRequest, RetirePlan),
  'keys.retire': channel(RetireRequest, RetireResult),
}
