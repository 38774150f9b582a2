// The link history: every signed URL or cookie set, recorded durably in `history.sqlite` in the
// data dir — with what is needed to sign it again, never the signature, so the file holds no
// working link. Reads and writes are synchronous (node:sqlite): each call is short, and a batch
// is one transaction.
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type {
  HistoryEntry,
  HistoryFilter,
  HistoryPageRequest,
  LinkRecord,
} from '../../shared/contract/history.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { sitePathOf } from '../../shared/site-link.ts'
import type { Clock } from '../clock.ts'
import { historyFolderError, isDamagedFileError, moveAside, openOrRecover } from './database.ts'
import {
  COUNT_EXPIRING,
  DELETE_BY_ID,
  INSERT_ENTRY,
  SELECT_BY_ID,
  SELECT_BY_POLICY,
  SELECT_DISTRIBUTIONS,
  SELECT_URLS_OF_DISTRIBUTION,
  SELECT_KEY_OF_KEY_PAIR,
  SELECT_KEY_PAIR_EXPIRY,
  SELECT_LIVE_PER_KEY_PAIR,
  insertValues,
  policyExpiry,
  selectEntries,
  selectLiveLinks,
  toEntry,
  type KeyPairExpiryRow,
  type LivePerKeyPairRow,
} from './queries.ts'
import type { HistoryLookup, HistoryRecorder } from './recorder.ts'

/** Enough paths for completion and nearest names; the newest matter most. */
const PATHS_MAX = 500

export interface HistoryStoreDeps {
  dataDir: string
  clock: Clock
  /**
   * Told where an unreadable history file was moved, when no failing call says so itself: at
   * opening, and when a record was written again to the fresh file.
   */
  onReset?: (movedTo: string) => void
}

export interface EntryPage {
  entries: HistoryEntry[]
  nextCursor?: string
}

/** Links that still work, for one Key-Pair-Id or a set of them. Expiries in epoch seconds. */
export interface LiveLinkFacts {
  count: number
  lastExpiresAt?: number
}

export interface KeyExpiryFact {
  keyId: string
  keyPairIds: string[]
  /** Epoch seconds. */
  latestExpiresAt: number
  links: number
  activeLinks: number
}

/** The signing parameters a URL carries; a record holding one would be a working link. */
const SIGNED_PARAMETER = /[?&](Signature|CloudFront-Signature)=/

export class HistoryStore implements HistoryRecorder, HistoryLookup {
  private db: DatabaseSync
  private readonly deps: HistoryStoreDeps
  private insert: StatementSync | undefined
  private moved: string | undefined

  constructor(deps: HistoryStoreDeps) {
    this.deps = deps
    const opened = openOrRecover(deps.dataDir, () => deps.clock.now())
    this.db = opened.db
    this.moved = opened.recoveredFrom
    if (opened.recoveredFrom !== undefined) deps.onReset?.(opened.recoveredFrom)
  }

  /** Where an unreadable history file was moved (at start or since), if that happened. */
  get recoveredFrom(): string | undefined {
    return this.moved
  }

  /** Records the links in one transaction; returns their new entry ids, in order. */
  record(entries: LinkRecord[]): number[] {
    for (const entry of entries) {
      if (SIGNED_PARAMETER.test(entry.url) || SIGNED_PARAMETER.test(entry.resource)) {
        throw new Error('A signed URL was given to the history; it records links unsigned.')
      }
    }
    const createdAt = this.deps.clock.now()
    // A link that was signed must be recorded: if the file turns out to be damaged, the write
    // goes to the fresh file that replaces it.
    return this.guard(() => this.insertAll(entries, createdAt), { retryAfterRecovery: true })
  }

  private insertAll(entries: LinkRecord[], createdAt: number): number[] {
    // Prepared on first use, inside the guard: preparing reads the search index's pages too.
    const insert = (this.insert ??= this.db.prepare(INSERT_ENTRY))
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const ids = entries.map((entry) =>
        Number(insert.run(...insertValues(entry, createdAt)).lastInsertRowid),
      )
      this.db.exec('COMMIT')
      return ids
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw error
    }
  }

  findByPolicy(policy: string, keyPairId: string): HistoryEntry | undefined {
    const expiresAt = policyExpiry(policy)
    if (expiresAt === undefined) return undefined
    return this.guard(() => {
      const row = this.db.prepare(SELECT_BY_POLICY).get(keyPairId, expiresAt, policy)
      return row ? toEntry(row) : undefined
    })
  }

  get(id: number): HistoryEntry {
    const row = this.guard(() => this.db.prepare(SELECT_BY_ID).get(id))
    if (!row) throw entryNotFound(id)
    return toEntry(row)
  }

  /** Newest first. Pass the previous page's `nextCursor` for the next one. */
  list(request: HistoryPageRequest): EntryPage {
    const beforeId = request.cursor === undefined ? undefined : Number(request.cursor)
    // One row more than asked tells whether another page follows.
    const query = selectEntries(request, this.nowSeconds(), request.limit + 1, beforeId)
    const rows = this.guard(() => this.db.prepare(query.sql).all(...query.params))
    const entries = rows.slice(0, request.limit).map(toEntry)
    const last = entries.at(-1)
    return rows.length > request.limit && last ? { entries, nextCursor: String(last.id) } : { entries }
  }

  /**
   * Every matching entry, newest first, a page at a time (for exports of any size). No statement
   * stays open between pages, so the caller may await between entries.
   */
  *each(filter: HistoryFilter, pageSize = 500): Generator<HistoryEntry> {
    let cursor: string | undefined
    do {
      const page = this.list({ ...filter, limit: pageSize, cursor })
      yield* page.entries
      cursor = page.nextCursor
    } while (cursor !== undefined)
  }

  delete(id: number): void {
    const result = this.guard(() => this.db.prepare(DELETE_BY_ID).run(id))
    if (result.changes === 0) throw entryNotFound(id)
  }

  /**
   * For retiring a key: when the last link signed with it stops working, latest first. Counted
   * per Key-Pair-Id (what CloudFront trusts), then summed per key — a Key-Pair-Id counts for the
   * key that signed its newest link (the same key material, should it have been imported again).
   */
  latestExpiryPerKey(): KeyExpiryFact[] {
    return this.guard(() => {
      const rows = this.db
        .prepare(SELECT_KEY_PAIR_EXPIRY)
        .all(this.nowSeconds()) as unknown as KeyPairExpiryRow[]
      const keyOf = this.db.prepare(SELECT_KEY_OF_KEY_PAIR)
      const perKey = new Map<string, KeyExpiryFact>()
      for (const row of rows) {
        const keyId = (keyOf.get(row.key_pair_id) as { key_id: string }).key_id
        const fact = perKey.get(keyId) ?? {
          keyId,
          keyPairIds: [],
          latestExpiresAt: row.latest,
          links: 0,
          activeLinks: 0,
        }
        fact.keyPairIds.push(row.key_pair_id)
        fact.latestExpiresAt = Math.max(fact.latestExpiresAt, row.latest)
        fact.links += row.links
        fact.activeLinks += row.active
        perKey.set(keyId, fact)
      }
      return [...perKey.values()].sort((a, b) => b.latestExpiresAt - a.latestExpiresAt)
    })
  }

  /** Per Key-Pair-Id that has any: its links that have not expired, and the last one's expiry. */
  liveLinksPerKeyPair(): Map<string, LiveLinkFacts> {
    return this.guard(() => {
      const rows = this.db
        .prepare(SELECT_LIVE_PER_KEY_PAIR)
        .all(this.nowSeconds()) as unknown as LivePerKeyPairRow[]
      return new Map(rows.map((row) => [row.key_pair_id, { count: row.live, lastExpiresAt: row.latest }]))
    })
  }

  /** Links signed with these Key-Pair-Ids that have not expired: the count, and the first `limit`. */
  liveLinks(keyPairIds: string[], limit: number): LiveLinkFacts & { entries: HistoryEntry[] } {
    if (keyPairIds.length === 0) return { count: 0, entries: [] }
    const query = selectLiveLinks(keyPairIds, this.nowSeconds(), limit)
    return this.guard(() => {
      const summary = this.db.prepare(query.summary.sql).get(...query.summary.params) as {
        live: number
        latest: number | null
      }
      const entries = this.db
        .prepare(query.entries.sql)
        .all(...query.entries.params)
        .map(toEntry)
      return summary.latest === null
        ? { count: 0, entries }
        : { count: summary.live, lastExpiresAt: summary.latest, entries }
    })
  }

  /** Links working now that stop within `withinSeconds` and were not renewed. */
  countExpiring(withinSeconds: number): number {
    const now = this.nowSeconds()
    const row = this.guard(() => this.db.prepare(COUNT_EXPIRING).get(now, now + withinSeconds))
    return (row as { count: number }).count
  }

  distributionIds(): string[] {
    return this.guard(() => this.db.prepare(SELECT_DISTRIBUTIONS).all()).map(
      (row) => (row as { id: string }).id,
    )
  }

  /** The paths on the site that links were made for, newest first, each once (at most `limit`). */
  pathsOf(distributionId: string, limit = PATHS_MAX): string[] {
    const rows = this.guard(() => this.db.prepare(SELECT_URLS_OF_DISTRIBUTION).all(distributionId, limit))
    const paths = rows.map((row) => sitePathOf((row as { url: string }).url))
    return [...new Set(paths.filter((path): path is string => path !== undefined))]
  }

  close(): void {
    if (this.db.isOpen) this.db.close()
  }

  /** "Now" in epoch seconds, by the clock the store was given: what status filters compare with. */
  nowSeconds(): number {
    return Math.floor(this.deps.clock.now() / 1000)
  }

  /**
   * Runs a database call. Damage found after opening (a bad page deep in the file) moves the file
   * aside and starts a fresh one, like at start; the call then fails with a message saying so —
   * except a record, which is written again to the fresh file. A full disk or a read-only folder
   * is said as such.
   */
  private guard<T>(work: () => T, options: { retryAfterRecovery?: boolean } = {}): T {
    try {
      return work()
    } catch (error) {
      if (!isDamagedFileError(error)) throw historyFolderError(error, this.deps.dataDir) ?? error
      const moved = this.recover()
      if (options.retryAfterRecovery) {
        this.deps.onReset?.(moved)
        return this.guard(work)
      }
      throw new KeyfrontError(
        'HISTORY_UNREADABLE',
        `The link history file was damaged. Keyfront moved it to ${moved} and started a new history. The links made before are kept in that file.`,
        { cause: error },
      )
    }
  }

  private recover(): string {
    const path = this.db.location() ?? ''
    this.db.close()
    const moved = moveAside(path, this.deps.clock.now())
    const opened = openOrRecover(this.deps.dataDir, () => this.deps.clock.now())
    this.db = opened.db
    this.insert = undefined
    this.moved = moved
    return moved
  }
}

function entryNotFound(id: number): KeyfrontError {
  return new KeyfrontError(
    'HISTORY_ENTRY_NOT_FOUND',
    `There is no link number ${id} in the history. It may have been deleted; list the history to see what is there.`,
  )
}

export function openHistoryStore(deps: HistoryStoreDeps): HistoryStore {
  return new HistoryStore(deps)
}
