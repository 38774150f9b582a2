// What signing needs from the history: a place to record what was signed, and a way for the
// inspector to find the original of a link. HistoryStore implements both.
import type { LinkRecord } from '../../shared/contract/history.ts'

export interface HistoryRecorder {
  /** Records signed links durably (one transaction for a batch). */
  record(entries: LinkRecord[]): void
}

export interface HistoryLookup {
  /** The most recent entry signed with exactly this policy and Key-Pair-Id, if any. */
  findByPolicy(policy: string, keyPairId: string): LinkRecord | undefined
}
