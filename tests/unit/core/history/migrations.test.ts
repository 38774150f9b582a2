// The history file's schema upgrades in place: a file of the first schema (version 1), with links
// in it, opens at the current version with its links listed, searchable and findable by policy; a
// file of version 2 gains renewals with its links unchanged. A file from a
// newer Keyfront is refused with a clear message and left untouched.
import { readFileSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { historyPath, openDatabase } from '../../../../src/core/history/database.ts'
import { HistoryStore } from '../../../../src/core/history/history-store.ts'
import { SCHEMA_VERSION, schemaVersion } from '../../../../src/core/history/schema.ts'
import { cannedPolicy, tempDir, testClock, thrownBy } from './fixtures.ts'

/** Writes links the way Keyfront's first schema stored them. */
function writeVersion1File(path: string): void {
  const db = openDatabase(path, { migrateTo: 1 })
  expect(schemaVersion(db)).toBe(1)
  const insert = db.prepare(`
    INSERT INTO entries (created_at, kind, url, resource, policy, canned, key_id, key_pair_id,
      algorithm, starts_at, expires_at, ip_address, label, distribution_id, source)
    VALUES (?, 'url', ?, ?, ?, 1, 'key-1', 'K1', 'rsa-sha1', NULL, ?, NULL, ?, ?, 'app')`)
  for (let i = 1; i <= 3; i++) {
    const url = `https://d1.cloudfront.net/old/file-${i}.pdf`
    insert.run(
      1_700_000_000_000 + i,
      url,
      url,
      cannedPolicy(url, 1_900_000_000 + i),
      1_900_000_000 + i,
      `old link ${i}`,
      i === 2 ? 'E1' : null,
    )
  }
  db.close()
}

describe('history schema migrations', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => dir.remove())

  it('upgrades a version-1 file in place, keeping every link usable', () => {
    const path = historyPath(dir.path)
    writeVersion1File(path)
    const store = new HistoryStore({ dataDir: dir.path, clock: testClock() })
    try {
      const entries = store.list({ limit: 10 }).entries
      expect(entries.map((entry) => entry.label)).toEqual(['old link 3', 'old link 2', 'old link 1'])
      expect(entries[1]).toMatchObject({ id: 2, distributionId: 'E1', createdAt: 1_700_000_000_002 })
      // Migration 2's search index and policy lookup cover the links written before it.
      expect(store.list({ limit: 10, search: 'file-2' }).entries.map((entry) => entry.id)).toEqual([2])
      const url = 'https://d1.cloudfront.net/old/file-1.pdf'
      expect(store.findByPolicy(cannedPolicy(url, 1_900_000_001), 'K1')?.id).toBe(1)
      expect(store.distributionIds()).toEqual(['E1'])
      store.record([{ ...entries[0]!, label: 'new link' }])
      expect(store.list({ limit: 1, search: 'new link' }).entries[0]?.id).toBe(4)
    } finally {
      store.close()
    }
    const db = new DatabaseSync(path)
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION)
    expect(SCHEMA_VERSION).toBe(3)
    db.close()
  })

  it('upgrades a version-2 file: its links unchanged, renewals recorded from then on', () => {
    const path = historyPath(dir.path)
    writeVersion1File(path)
    openDatabase(path, { migrateTo: 2 }).close()
    const clock = testClock(Date.UTC(2030, 0, 1))
    const store = new HistoryStore({ dataDir: dir.path, clock })
    try {
      const [newest] = store.list({ limit: 1 }).entries
      expect(newest).toMatchObject({ id: 3, label: 'old link 3' })
      expect(newest?.renewedFrom).toBeUndefined()
      expect(newest?.renewedAs).toBeUndefined()
      const [renewal] = store.record([{ ...newest!, label: 'renewal of 3', renewedFrom: 3 }])
      expect(store.get(renewal ?? 0)).toMatchObject({ renewedFrom: 3 })
      expect(store.get(3).renewedAs).toBe(renewal)
    } finally {
      store.close()
    }
    const db = new DatabaseSync(path)
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'entries_by_%'")
      .all()
    expect(indexes.map((row) => (row as { name: string }).name)).toContain('entries_by_renewed_from')
    db.close()
  })

  it('applies nothing twice: reopening a current file changes nothing', () => {
    new HistoryStore({ dataDir: dir.path, clock: testClock() }).close()
    const store = new HistoryStore({ dataDir: dir.path, clock: testClock() })
    store.close()
    const db = new DatabaseSync(historyPath(dir.path))
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION)
    db.close()
  })

  it('refuses a file written by a newer Keyfront, and leaves it where it is', () => {
    const path = historyPath(dir.path)
    new HistoryStore({ dataDir: dir.path, clock: testClock() }).close()
    const db = new DatabaseSync(path)
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    const before = readFileSync(path)
    const error = thrownBy(() => new HistoryStore({ dataDir: dir.path, clock: testClock() }))
    expect(error.code).toBe('HISTORY_UNREADABLE')
    expect(error.message).toMatch(/newer version/)
    expect(readFileSync(path).equals(before)).toBe(true)
  })
})
