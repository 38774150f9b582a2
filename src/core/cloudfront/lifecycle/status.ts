// A key's status and its links still working, from what this computer knows: keys.json (uploads,
// replacement, retiring) and History (links signed with each Key-Pair-Id, with their expiry). No
// AWS call, so the Keys list and its reminder badge show it at once.
import type { HistoryEntry } from '../../../shared/contract/history.ts'
import type { KeyStatus, KeyStatusInfo, LiveLink, LiveLinks } from '../../../shared/contract/key-lifecycle.ts'
import type { KeySummary } from '../../../shared/contract/keys.ts'
import type { LiveLinkFacts } from '../../history/history-store.ts'
import type { KeyLifecycle } from '../../keys/key-file.ts'

/** What the lifecycle reads from History. */
export interface LiveLinkSource {
  liveLinksPerKeyPair(): Map<string, LiveLinkFacts>
  liveLinks(keyPairIds: string[], limit: number): LiveLinkFacts & { entries: HistoryEntry[] }
}

/** How many live links a plan lists one by one; the count covers them all. */
export const LIVE_LINKS_SHOWN = 200

export function keyStatus(
  key: Pick<KeySummary, 'legacy'>,
  uploaded: boolean,
  lifecycle: KeyLifecycle,
  liveLinks: number,
): KeyStatus {
  // A legacy key pair belongs to the account's trusted signers, not to key groups: none of the
  // other states (upload, replace, retire) applies to it.
  if (key.legacy) return 'legacy'
  if (!uploaded) return 'not-uploaded'
  if (lifecycle.retiringSince === undefined) return 'in-use'
  return liveLinks > 0 ? 'retiring' : 'can-be-retired'
}

/** Every key's status, counting the live links of each Key-Pair-Id recorded for it. */
export function keyStatuses(
  keys: { key: KeySummary; lifecycle: KeyLifecycle }[],
  live: Map<string, LiveLinkFacts>,
): KeyStatusInfo[] {
  return keys.map(({ key, lifecycle }) => {
    const facts = sumFacts([...new Set(key.uploads.map((u) => u.keyPairId))].map((id) => live.get(id)))
    const info: KeyStatusInfo = {
      keyId: key.id,
      status: keyStatus(key, key.uploads.length > 0, lifecycle, facts.count),
      liveLinks: facts.count,
    }
    if (facts.lastExpiresAt !== undefined) info.lastLinkExpiresAt = facts.lastExpiresAt
    if (lifecycle.retiringSince !== undefined) info.retiringSince = lifecycle.retiringSince
    if (lifecycle.remindedAt !== undefined) info.remindedAt = lifecycle.remindedAt
    const replacement = keys.find((k) => k.key.id === lifecycle.replacedBy)?.key
    if (replacement) info.replacedBy = { id: replacement.id, name: replacement.name }
    return info
  })
}

/** The live links of these Key-Pair-Ids, as plans and usage show them. */
export function liveLinksOf(history: LiveLinkSource, keyPairIds: string[]): LiveLinks {
  const found = history.liveLinks(keyPairIds, LIVE_LINKS_SHOWN)
  const links: LiveLinks = {
    count: found.count,
    shown: found.entries.map((entry) => {
      const link: LiveLink = {
        id: entry.id,
        url: entry.url,
        keyPairId: entry.keyPairId,
        expiresAt: entry.expiresAt,
      }
      if (entry.label !== undefined) link.label = entry.label
      if (entry.distributionId !== undefined) link.distributionId = entry.distributionId
      return link
    }),
  }
  if (found.lastExpiresAt !== undefined) links.lastExpiresAt = found.lastExpiresAt
  return links
}

function sumFacts(facts: (LiveLinkFacts | undefined)[]): LiveLinkFacts {
  let count = 0
  let lastExpiresAt: number | undefined
  for (const fact of facts) {
    if (!fact) continue
    count += fact.count
    if (fact.lastExpiresAt !== undefined) lastExpiresAt = Math.max(lastExpiresAt ?? 0, fact.lastExpiresAt)
  }
  return lastExpiresAt === undefined ? { count } : { count, lastExpiresAt }
}
