// Opens the history database file: WAL, every commit synced to disk, migrated to the current
// schema. A file SQLite cannot read is moved aside — renamed, never deleted, with its -wal and
// -shm beside it — and a fresh history starts, so Keyfront keeps working and the old file can
// still be rescued.
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { KeyfrontError } from '../../shared/errors.ts'
import { migrate } from './schema.ts'

export const HISTORY_FILE = 'history.sqlite'

/** SQLite's result codes for a damaged file or one that is not a database at all. */
const SQLITE_CORRUPT = 11
const SQLITE_NOTADB = 26

export function isDamagedFileError(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode
  return typeof code === 'number' && ((code & 0xff) === SQLITE_CORRUPT || (code & 0xff) === SQLITE_NOTADB)
}

export function historyPath(dataDir: string): string {
  return join(dataDir, HISTORY_FILE)
}

/** Opens (creating if needed) and migrates. Throws what SQLite throws for an unreadable file. */
export function openDatabase(path: string, options: { migrateTo?: number } = {}): DatabaseSync {
  const db = new DatabaseSync(path)
  try {
    // Another process (the app and the CLI) may hold the write lock for a moment.
    db.exec('PRAGMA busy_timeout = 5000')
    db.exec('PRAGMA journal_mode = WAL')
    // FULL: a commit is on disk when record() returns, so a crash right after loses nothing.
    db.exec('PRAGMA synchronous = FULL')
    db.exec('PRAGMA foreign_keys = ON')
    migrate(db, options.migrateTo)
    // Reads the table's root and newest page: most damage shows here, at start, not mid-task.
    db.prepare('SELECT id FROM entries ORDER BY id DESC LIMIT 1').get()
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** `history.sqlite.corrupt-20261104T101500Z`: sortable, and legal in Windows file names. */
export function asideName(path: string, now: number): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  let candidate = `${path}.corrupt-${stamp}`
  for (let n = 2; existsSync(candidate); n++) candidate = `${path}.corrupt-${stamp}-${n}`
  return candidate
}

/** Renames the file and its WAL/shared-memory companions; returns the new path of the main file. */
export function moveAside(path: string, now: number): string {
  const target = asideName(path, now)
  renameSync(path, target)
  // A stale -wal left beside a new file could be replayed into it: it moves with its database.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix)
  }
  return target
}

export interface OpenedHistory {
  db: DatabaseSync
  /** Where an unreadable file was moved, when one was. */
  recoveredFrom?: string
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/** False for a non-empty file that does not start like an SQLite database. */
function looksLikeSqlite(path: string): boolean {
  if (!existsSync(path) || statSync(path).size === 0) return true
  const header = Buffer.alloc(SQLITE_HEADER.length)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, header, 0, header.length, 0)
  } finally {
    closeSync(fd)
  }
  return header.equals(SQLITE_HEADER)
}

/** Opens the history in a data dir, moving an unreadable file aside and starting a fresh one. */
export function openOrRecover(dataDir: string, now: () => number): OpenedHistory {
  mkdirSync(dataDir, { recursive: true })
  const path = historyPath(dataDir)
  // Moved before SQLite touches it: closing a connection to a non-database can delete its -wal.
  if (!looksLikeSqlite(path)) {
    const recoveredFrom = moveAside(path, now())
    return { db: openDatabase(path), recoveredFrom }
  }
  try {
    return { db: openDatabase(path) }
  } catch (error) {
    if (!isDamagedFileError(error)) throw unreadable(error)
    const recoveredFrom = moveAside(path, now())
    return { db: openDatabase(path), recoveredFrom }
  }
}

function unreadable(error: unknown): KeyfrontError {
  if (error instanceof KeyfrontError) return error
  return new KeyfrontError(
    'HISTORY_UNREADABLE',
    'Keyfront could not open its link history file. Check that the data folder can be written to, then try again.',
    { cause: error },
  )
}
