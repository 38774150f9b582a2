// Link history speed, with 100,000 links already recorded: recording a batch of 10,000 (target
// ≤ 1 s; compared with the same rows written to a bare SQLite table, no index or search, in the
// same run), a search's p95 (≤ 20 ms) and the first page's p95 (≤ 10 ms), plus the first page
// read by a freshly opened store, as the CLI and the app at start do.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { HistoryStore } from '../src/core/history/history-store.ts'
import type { LinkRecord } from '../src/shared/contract/history.ts'
import type { BenchRow } from './report.ts'

const EXISTING = 100_000
const BATCH = 10_000
const PAGE = 50
const CUSTOMERS = ['ACME', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell']
const FOLDERS = ['invoices', 'reports', 'videos', 'contracts', 'photos', 'press']
const NOW = Math.floor(Date.now() / 1000)

function link(n: number): LinkRecord {
  const folder = FOLDERS[n % FOLDERS.length] ?? 'files'
  const customer = CUSTOMERS[n % CUSTOMERS.length] ?? 'ACME'
  const url = `https://d111111abcdef8.cloudfront.net/${folder}/${2020 + (n % 7)}/document-${n}.pdf`
  const expiresAt = NOW - 30 * 86_400 + (n % 90) * 86_400
  return {
    kind: 'url',
    url,
    resource: url,
    policy: `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":${expiresAt}}}}]}`,
    canned: true,
    keyId: `key-${n % 3}`,
    keyPairId: 'K2JCJMDEHXQW5F',
    algorithm: 'rsa-sha1',
    expiresAt,
    label: n % 4 === 0 ? undefined : `for ${customer}, invoice ${n}`,
    distributionId: n % 2 ? 'E2QWRUHAPOMQZL' : 'E1ABCDEFGHIJKL',
    source: n % 5 === 0 ? 'batch' : 'app',
  }
}

function batch(from: number, size: number): LinkRecord[] {
  return Array.from({ length: size }, (_, i) => link(from + i))
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

function timed(work: () => unknown): number {
  const start = performance.now()
  work()
  return performance.now() - start
}

/** What people type: a customer, a document number, part of a path, a rare word, a miss. */
function searches(): string[] {
  const terms: string[] = []
  for (let i = 0; i < 200; i++) {
    const n = (i * 7919) % EXISTING
    const kinds = [
      CUSTOMERS[i % CUSTOMERS.length] ?? 'ACME',
      `document-${n}`,
      `invoice ${n}`,
      `${FOLDERS[i % FOLDERS.length]}/2023`,
      `nothing-like-this-${i}`,
      `globex ${n % 1000}`,
    ]
    terms.push(kinds[i % kinds.length] ?? 'ACME')
  }
  return terms
}

/** The same rows into a table without indexes or search, same durability settings. */
function bareInsert(dataDir: string, rows: LinkRecord[]): number {
  const db = new DatabaseSync(join(dataDir, 'bare.sqlite'))
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL')
  db.exec(
    'CREATE TABLE t (created_at, kind, url, resource, policy, canned, key_id, key_pair_id, algorithm, expires_at, label, distribution_id, source)',
  )
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const elapsed = timed(() => {
    db.exec('BEGIN')
    for (const r of rows) {
      insert.run(
        Date.now(),
        r.kind,
        r.url,
        r.resource,
        r.policy,
        1,
        r.keyId,
        r.keyPairId,
        r.algorithm,
        r.expiresAt,
        r.label ?? null,
        r.distributionId ?? null,
        r.source,
      )
    }
    db.exec('COMMIT')
  })
  db.close()
  return elapsed
}

export async function run(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-bench-history-'))
  const clock = { now: () => Date.now() }
  try {
    let store = new HistoryStore({ dataDir, clock })
    for (let from = 0; from < EXISTING; from += BATCH) store.record(batch(from, BATCH))

    const inserts = [0, 1, 2].map((round) => {
      const rows = batch(EXISTING + round * BATCH, BATCH)
      return timed(() => store.record(rows))
    })

    store.close()
    store = new HistoryStore({ dataDir, clock })
    const coldFirstPage = timed(() => store.list({ limit: PAGE }))
    const firstPages = Array.from({ length: 200 }, () => timed(() => store.list({ limit: PAGE })))
    const searchTimes = searches().map((search) => timed(() => store.list({ limit: PAGE, search })))
    const filtered = Array.from({ length: 50 }, (_, i) =>
      timed(() => store.list({ limit: PAGE, status: i % 2 ? 'active' : 'expired', keyId: `key-${i % 3}` })),
    )
    const perKey = timed(() => store.latestExpiryPerKey())
    store.close()
    const bare = bareInsert(dataDir, batch(EXISTING, BATCH))

    const total = `${(EXISTING + 3 * BATCH).toLocaleString('en-US')} links`
    const insert = percentile(inserts, 50)
    const search = percentile(searchTimes, 95)
    const firstPage = percentile(firstPages, 95)
    return [
      {
        name: `history: record a batch of 10,000 (median of 3, into ≥ ${total})`,
        value: insert,
        unit: 'ms',
        reference: { name: 'bare table', value: bare },
        target: '≤ 1000 ms',
        pass: insert <= 1000,
      },
      {
        name: 'history: search, p95 of 200 (first page of results)',
        value: search,
        unit: 'ms',
        target: '≤ 20 ms',
        pass: search <= 20,
      },
      {
        name: 'history: first page, p95 of 200',
        value: firstPage,
        unit: 'ms',
        target: '≤ 10 ms',
        pass: firstPage <= 10,
      },
      {
        name: 'history: first page of a freshly opened store',
        value: coldFirstPage,
        unit: 'ms',
        target: '≤ 10 ms',
        pass: coldFirstPage <= 10,
      },
      { name: 'history: status + key filter, p95 of 50', value: percentile(filtered, 95), unit: 'ms' },
      { name: 'history: latest expiry per key', value: perKey, unit: 'ms' },
    ]
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
