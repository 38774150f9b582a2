// The SQL of the history's reads and writes, and the mapping between rows and entries. Listing
// is newest first with keyset paging (`id < cursor`), so every page costs the same however deep;
// search goes through the FTS5 index: every word typed must begin a word of the label or URL.
import type { SQLInputValue } from 'node:sqlite'
import type { HistoryEntry, HistoryFilter, LinkRecord } from '../../shared/contract/history.ts'

/** What `SELECT *` from entries gives back (node:sqlite returns INTEGER as number). */
interface EntryRow {
  id: number
  created_at: number
  kind: string
  url: string
  resource: string
  policy: string
  canned: number
  key_id: string
  key_pair_id: string
  algorithm: string
  starts_at: number | null
  expires_at: number
  ip_address: string | null
  label: string | null
  distribution_id: string | null
  source: string
  renewed_from: number | null
  /** Selected by the queries that list entries (RENEWED_AS); absent from the others. */
  renewed_as?: number | null
}

export const INSERT_ENTRY = `
  INSERT INTO entries (created_at, kind, url, resource, policy, canned, key_id, key_pair_id,
    algorithm, starts_at, expires_at, ip_address, label, distribution_id, source, renewed_from)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

export function insertValues(record: LinkRecord, createdAt: number): SQLInputValue[] {
  return [
    createdAt,
    record.kind,
    record.url,
    record.resource,
    record.policy,
    record.canned ? 1 : 0,
    record.keyId,
    record.keyPairId,
    record.algorithm,
    record.startsAt ?? null,
    record.expiresAt,
    record.ipAddress ?? null,
    record.label ?? null,
    record.distributionId ?? null,
    record.source,
    record.renewedFrom ?? null,
  ]
}

export function toEntry(value: unknown): HistoryEntry {
  const row = value as EntryRow
  const entry: HistoryEntry = {
    id: row.id,
    createdAt: row.created_at,
    kind: row.kind as HistoryEntry['kind'],
    url: row.url,
    resource: row.resource,
    policy: row.policy,
    canned: row.canned === 1,
    keyId: row.key_id,
    keyPairId: row.key_pair_id,
    algorithm: row.algorithm as HistoryEntry['algorithm'],
    expiresAt: row.expires_at,
    source: row.source as HistoryEntry['source'],
  }
  if (row.starts_at !== null) entry.startsAt = row.starts_at
  if (row.ip_address !== null) entry.ipAddress = row.ip_address
  if (row.label !== null) entry.label = row.label
  if (row.distribution_id !== null) entry.distributionId = row.distribution_id
  if (row.renewed_from !== null) entry.renewedFrom = row.renewed_from
  if (row.renewed_as != null) entry.renewedAs = row.renewed_as
  return entry
}

/** The newest entry renewing `e`, by the partial index on renewed_from. */
const RENEWED_AS = '(SELECT max(r.id) FROM entries r WHERE r.renewed_from = e.id) AS renewed_as'
/** `e` was renewed: expiring soon leaves it out, the renewal having taken its place. */
const WAS_RENEWED = 'EXISTS (SELECT 1 FROM entries r WHERE r.renewed_from = e.id)'

export interface SelectQuery {
  sql: string
  params: SQLInputValue[]
}

const MAX_WORDS = 8
/** CloudFront's own query parameters: a pasted signed link is searched for without them. */
const SIGNING_PARAMETERS = ['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm']

/** A word as an FTS5 prefix phrase: `"word"*` (inner quotes doubled, so any text is literal). */
function ftsPrefixPhrase(word: string): string {
  return `"${word.replaceAll('"', '""')}"*`
}

/** The link without Expires=, Signature=…, the rest of its query left byte for byte. */
function withoutSigningParameters(link: string): string {
  const query = link.indexOf('?')
  if (query < 0) return link
  const kept = link
    .slice(query + 1)
    .split('&')
    .filter((pair) => !SIGNING_PARAMETERS.includes(pair.split('=')[0] ?? ''))
  return kept.length > 0 ? `${link.slice(0, query)}?${kept.join('&')}` : link.slice(0, query)
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The FTS5 query for what the user typed: each word must match (as the beginning of a word of the
 * label or URL; a phrase for words like `invoice-42.pdf`). A pasted link is looked for without its
 * signing parameters, as typed and percent-decoded. Undefined when nothing searchable was typed.
 */
export function searchExpression(search: string | undefined): string | undefined {
  const terms = (search ?? '')
    .trim()
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_WORDS)
    .map((word) => {
      if (!/^https?:\/\//i.test(word)) return ftsPrefixPhrase(word)
      const unsigned = withoutSigningParameters(word)
      const forms = [...new Set([unsigned, decoded(unsigned)])]
      return forms.length === 1 ? ftsPrefixPhrase(unsigned) : `(${forms.map(ftsPrefixPhrase).join(' OR ')})`
    })
  return terms.length > 0 ? terms.join(' AND ') : undefined
}

/**
 * Entries matching `filter`, newest first, older than `beforeId` when given; `limit` -1 = all.
 * `now` is epoch seconds: a link is expired from its DateLessThan on.
 */
export function selectEntries(
  filter: HistoryFilter,
  now: number,
  limit: number,
  beforeId?: number,
): SelectQuery {
  const match = searchExpression(filter.search)
  const where: string[] = []
  const params: SQLInputValue[] = []
  let from = 'entries e'
  let order = 'e.id'
  if (match !== undefined) {
    from = 'entries_search s JOIN entries e ON e.id = s.rowid'
    order = 's.rowid'
    where.push('entries_search MATCH ?')
    params.push(match)
  }
  if (beforeId !== undefined) {
    where.push(`${order} < ?`)
    params.push(beforeId)
  }
  if (filter.status === 'active') {
    where.push('e.expires_at > ?')
    params.push(now)
  } else if (filter.status === 'expired') {
    where.push('e.expires_at <= ?')
    params.push(now)
  }
  if (filter.keyId !== undefined) {
    where.push('e.key_id = ?')
    params.push(filter.keyId)
  }
  if (filter.distributionId !== undefined) {
    where.push('e.distribution_id = ?')
    params.push(filter.distributionId)
  }
  if (filter.expiringWithin !== undefined) {
    where.push(`e.expires_at > ? AND e.expires_at <= ? AND NOT ${WAS_RENEWED}`)
    params.push(now, now + filter.expiringWithin)
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
  params.push(limit)
  return {
    sql: `SELECT e.*, ${RENEWED_AS} FROM ${from} ${clause} ORDER BY ${order} DESC LIMIT ?`,
    params,
  }
}

export const SELECT_BY_ID = `SELECT e.*, ${RENEWED_AS} FROM entries e WHERE e.id = ?`

/** Links working now that stop by the second parameter and were not renewed. */
export const COUNT_EXPIRING = `
  SELECT count(*) AS count FROM entries e
  WHERE e.expires_at > ? AND e.expires_at <= ? AND NOT ${WAS_RENEWED}`

/** Every policy carries its expiry: the index narrows to links of that key and expiry first. */
export const SELECT_BY_POLICY = `
  SELECT * FROM entries WHERE key_pair_id = ? AND expires_at = ? AND policy = ?
  ORDER BY id DESC LIMIT 1`

/** DateLessThan of a policy's only statement, if the text is a CloudFront policy. */
export function policyExpiry(policy: string): number | undefined {
  try {
    const parsed = JSON.parse(policy) as {
      Statement?: { Condition?: { DateLessThan?: { 'AWS:EpochTime'?: unknown } } }[]
    }
    const expiry = parsed.Statement?.[0]?.Condition?.DateLessThan?.['AWS:EpochTime']
    return typeof expiry === 'number' && Number.isInteger(expiry) ? expiry : undefined
  } catch {
    return undefined
  }
}

export const DELETE_BY_ID = 'DELETE FROM entries WHERE id = ?'

/** Read from the (key_pair_id, expires_at) index alone: no table rows, no index of its own. */
export const SELECT_KEY_PAIR_EXPIRY = `
  SELECT key_pair_id, max(expires_at) AS latest, count(*) AS links, sum(expires_at > ?) AS active
  FROM entries GROUP BY key_pair_id`

export interface KeyPairExpiryRow {
  key_pair_id: string
  latest: number
  links: number
  active: number
}

/** The key that signed the newest link of a Key-Pair-Id. */
export const SELECT_KEY_OF_KEY_PAIR = `
  SELECT key_id FROM entries WHERE key_pair_id = ? ORDER BY expires_at DESC LIMIT 1`

/** The URLs links were made for on a distribution, newest first, each once. */
export const SELECT_URLS_OF_DISTRIBUTION = `
  SELECT url FROM entries WHERE distribution_id = ? GROUP BY url ORDER BY max(id) DESC LIMIT ?`

export const SELECT_DISTRIBUTIONS = `
  SELECT DISTINCT distribution_id AS id FROM entries WHERE distribution_id IS NOT NULL ORDER BY id`

/** Per Key-Pair-Id, the links that still work at `?` (epoch seconds) and the latest expiry among them. */
export const SELECT_LIVE_PER_KEY_PAIR = `
  SELECT key_pair_id, count(*) AS live, max(expires_at) AS latest
  FROM entries WHERE expires_at > ? GROUP BY key_pair_id`

export interface LivePerKeyPairRow {
  key_pair_id: string
  live: number
  latest: number
}

/**
 * Links signed with one of `keyPairIds` that still work at `now` (epoch seconds): how many and
 * until when, and the first `limit` of them, latest expiry first — what removing those public keys
 * from CloudFront would stop.
 */
export function selectLiveLinks(
  keyPairIds: string[],
  now: number,
  limit: number,
): { summary: SelectQuery; entries: SelectQuery } {
  const where = `key_pair_id IN (${keyPairIds.map(() => '?').join(', ')}) AND expires_at > ?`
  const params: SQLInputValue[] = [...keyPairIds, now]
  return {
    summary: {
      sql: `SELECT count(*) AS live, max(expires_at) AS latest FROM entries WHERE ${where}`,
      params,
    },
    entries: {
      sql: `SELECT * FROM entries WHERE ${where} ORDER BY expires_at DESC, id DESC LIMIT ?`,
      params: [...params, limit],
    },
  }
}
