// Opens the history database file: WAL, every commit synced to disk, migrated to the current
// schema, readable by its owner only. A file SQLite cannot read is moved aside — renamed, never
// deleted, with its -wal and -shm beside it — and a fresh history starts, so Keyfront keeps working
// and the old file can still be rescued. Failures people can act on (a full disk, a read-only
// folder) are told as such.
import { chmodSync, closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { KeyfrontError } from '../../shared/errors.ts'
import { ensureDataDir } from '../data-dir.ts'
import { diskFull, isNoSpace } from '../file-errors.ts'
import { migrate } from './schema.ts'

export const HISTORY_FILE = 'history.sqlite'

/** SQLite's primary result codes that Keyfront tells apart. */
const SQLITE_READONLY = 8
const SQLITE_CORRUPT = 11
const SQLITE_FULL = 13
const SQLITE_CANTOPEN = 14
const SQLITE_NOTADB = 26
/** Growing the shared-memory file failed: on opening a history on a full disk, before any write. */
const SQLITE_IOERR_SHMSIZE = 4874

function sqliteCode(error: unknown): number | undefined {
  const code = (error as { errcode?: unknown } | null)?.errcode
  return typeof code === 'number' ? code & 0xff : undefined
}

/** A damaged file, or one that is not a database at all. */
export function isDamagedFileError(error: unknown): boolean {
  const code = sqliteCode(error)
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB
}

/** A failure of the history's folder rather than of Keyfront, told so; undefined for any other. */
export function historyFolderError(error: unknown, dataDir: string): KeyfrontError | undefined {
  if (error instanceof KeyfrontError) return error
  const code = sqliteCode(error)
  const extended = (error as { errcode?: unknown } | null)?.errcode
  if (code === SQLITE_FULL || extended === SQLITE_IOERR_SHMSIZE || isNoSpace(error)) {
    return diskFull(dataDir, error)
  }
  if (code === SQLITE_READONLY || code === SQLITE_CANTOPEN) {
    return new KeyfrontError(
      'FILE_UNWRITABLE',
      `Keyfront cannot write its link history in ${dataDir}: the folder or ${HISTORY_FILE} is read-only, or not yours. Check that you can write to both.`,
      { cause: error },
    )
  }
  return undefined
}

export function historyPath(dataDir: string): string {
  return join(dataDir, HISTORY_FILE)
}

/** Opens (creating if needed) and migrates. Throws what SQLite throws for an unreadable file. */
export function openDatabase(path: string, options: { migrateTo?: number } = {}): DatabaseSync {
  ownerOnly(path)
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

/**
 * The database and its -wal and -shm, owner-only. SQLite gives the -wal and -shm it creates the
 * database file's mode, so creating that file 0600 first covers them; files made by earlier
 * versions (0644) are narrowed. Best effort: a read-only folder is SQLite's to report.
 */
function ownerOnly(path: string): void {
  if (process.platform === 'win32') return
  try {
    closeSync(openSync(path, 'wx', 0o600))
  } catch {
    // There already, or the folder cannot be written: see above.
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
    } catch {
      // Missing (-wal and -shm come and go) or read-only.
    }
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
  ensureDataDir(dataDir)
  try {
    return openOrMoveAside(historyPath(dataDir), now)
  } catch (error) {
    throw unreadable(error, dataDir)
  }
}

function openOrMoveAside(path: string, now: () => number): OpenedHistory {
  // Moved before SQLite touches it: closing a connection to a non-database can delete its -wal.
  if (!looksLikeSqlite(path)) {
    const recoveredFrom = moveAside(path, now())
    return { db: openDatabase(path), recoveredFrom }
  }
  try {
    return { db: openDatabase(path) }
  } catch (error) {
    if (!isDamagedFileError(error)) throw error
    const recoveredFrom = moveAside(path, now())
    return { db: openDatabase(path), recoveredFrom }
  }
}

function unreadable(error: unknown, dataDir: string): KeyfrontError {
  return (
    historyFolderError(error, dataDir) ??
    new KeyfrontError(
      'HISTORY_UNREADABLE',
      `Keyfront could not open its link history file in ${dataDir}. Check that the folder can be written to, then try again.`,
      { cause: error },
    )
  )
}
