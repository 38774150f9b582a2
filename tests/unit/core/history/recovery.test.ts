// A history file SQLite cannot read is moved aside (renamed with its -wal, never deleted), a fresh
// history starts, and the store says where the old file went — whether the damage is found when
// opening or later, deep in the file. A link being recorded then still lands in the new file.
import { closeSync, existsSync, openSync, readFileSync, readdirSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { historyPath } from '../../../../src/core/history/database.ts'
import { HistoryStore } from '../../../../src/core/history/history-store.ts'
import { record, tempDir, testClock, thrownBy } from './fixtures.ts'

describe('history recovery from an unreadable file', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => dir.remove())

  it('moves a file that is not a database aside, with its -wal, and starts a fresh history', () => {
    const path = historyPath(dir.path)
    const garbage = Buffer.from('this is not a database '.repeat(400))
    writeFileSync(path, garbage)
    writeFileSync(`${path}-wal`, 'stale write-ahead log')
    const store = new HistoryStore({ dataDir: dir.path, clock: testClock(Date.UTC(2030, 0, 2, 3, 4, 5)) })
    try {
      const moved = join(dir.path, 'history.sqlite.corrupt-20300102T030405Z')
      expect(store.recoveredFrom).toBe(moved)
      expect(readFileSync(moved).equals(garbage)).toBe(true)
      expect(readFileSync(`${moved}-wal`, 'utf8')).toBe('stale write-ahead log')
      expect(store.list({ limit: 10 }).entries).toEqual([])
      store.record([record({ label: 'after recovery' })])
      expect(store.list({ limit: 10 }).entries.map((entry) => entry.label)).toEqual(['after recovery'])
    } finally {
      store.close()
    }
  })

  it('never overwrites an earlier moved-aside file', () => {
    const clock = testClock()
    for (let i = 0; i < 2; i++) {
      writeFileSync(historyPath(dir.path), `not a database ${i} `.repeat(300))
      new HistoryStore({ dataDir: dir.path, clock }).close()
    }
    const aside = readdirSync(dir.path).filter((name) => name.includes('.corrupt-') && !name.endsWith('-wal'))
    expect(aside.sort()).toEqual([
      'history.sqlite.corrupt-20300101T000000Z',
      'history.sqlite.corrupt-20300101T000000Z-2',
    ])
  })

  it('opens a readable file without moving anything', () => {
    new HistoryStore({ dataDir: dir.path, clock: testClock() }).close()
    const store = new HistoryStore({ dataDir: dir.path, clock: testClock() })
    expect(store.recoveredFrom).toBeUndefined()
    store.close()
  })

  function storeWithLinks(): void {
    const store = new HistoryStore({ dataDir: dir.path, clock: testClock() })
    store.record(
      Array.from({ length: 300 }, (_, i) =>
        record({ label: `link ${i}`, url: `https://d1.cloudfront.net/f/${i}` }),
      ),
    )
    store.close()
  }

  /** Overwrites the pages of one table (found with SQLite's dbstat) with garbage. */
  function damagePagesOf(table: string): void {
    const path = historyPath(dir.path)
    const db = new DatabaseSync(path)
    const pages = db.prepare('SELECT pageno FROM dbstat WHERE name = ?').all(table) as { pageno: number }[]
    db.close()
    expect(pages.length).toBeGreaterThan(0)
    const fd = openSync(path, 'r+')
    for (const { pageno } of pages) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, (pageno - 1) * 4096)
    closeSync(fd)
  }

  it('finds damage to the links table at start: moves the file aside and starts fresh', () => {
    storeWithLinks()
    damagePagesOf('entries')
    const store = new HistoryStore({ dataDir: dir.path, clock: testClock() })
    try {
      expect(store.recoveredFrom).toMatch(/history\.sqlite\.corrupt-/)
      expect(existsSync(store.recoveredFrom ?? '')).toBe(true)
      expect(store.list({ limit: 10 }).entries).toEqual([])
    } finally {
      store.close()
    }
  })

  it('finds damage deep in the file when a search reads it: moves it aside and says so', () => {
    storeWithLinks()
    damagePagesOf('entries_search_data')
    const store = new HistoryStore({ dataDir: dir.path, clock: testClock() })
    try {
      expect(store.recoveredFrom).toBeUndefined()
      const error = thrownBy(() => store.list({ limit: 10, search: 'link 12' }))
      expect(error.code).toBe('HISTORY_UNREADABLE')
      expect(error.message).toMatch(/damaged.*moved it to/)
      expect(existsSync(store.recoveredFrom ?? '')).toBe(true)
      expect(store.list({ limit: 10 }).entries).toEqual([])
    } finally {
      store.close()
    }
  })

  it('still records a link when the damage is found while recording it', () => {
    storeWithLinks()
    damagePagesOf('entries_search_data')
    const store = new HistoryStore({ dataDir: dir.path, clock: testClock() })
    try {
      store.record([record({ label: 'signed just now' })])
      expect(store.recoveredFrom).toBeDefined()
      expect(store.list({ limit: 10 }).entries.map((entry) => entry.label)).toEqual(['signed just now'])
    } finally {
      store.close()
    }
  })
})
