// The history database's schema, as numbered migrations. `PRAGMA user_version` holds the number of
// the last one applied; opening an older file applies the missing ones in place, each in its own
// transaction, so a file is always at one exact version. Released migrations never change: a
// change to the schema is a new migration appended here.
import type { DatabaseSync } from 'node:sqlite'
import { KeyfrontError } from '../../shared/errors.ts'

type Migration = (db: DatabaseSync) => void

const MIGRATIONS: Migration[] = [
  // 1: one row per signed URL or cookie set. Times are epoch seconds except created_at (ms).
  (db) =>
    db.exec(`
      CREATE TABLE entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        resource TEXT NOT NULL,
        policy TEXT NOT NULL,
        canned INTEGER NOT NULL,
        key_id TEXT NOT NULL,
        key_pair_id TEXT NOT NULL,
        algorithm TEXT NOT NULL,
        starts_at INTEGER,
        expires_at INTEGER NOT NULL,
        ip_address TEXT,
        label TEXT,
        distribution_id TEXT,
        source TEXT NOT NULL
      );
      CREATE INDEX entries_by_key ON entries (key_id, id);
    `),
  // 2: search over label and URL, finding the entry of a pasted link (by Key-Pair-Id and expiry,
  // then the exact policy), and the filter by distribution. Search is by words and beginnings of
  // words (FTS5 unicode61, case and accents ignored; prefix indexes keep one- and two-letter
  // beginnings fast) — a fraction of a trigram index's cost on every recorded link. Links already
  // recorded are indexed as the migration runs.
  (db) =>
    db.exec(`
      CREATE INDEX entries_by_key_pair ON entries (key_pair_id, expires_at);
      CREATE INDEX entries_by_distribution ON entries (distribution_id, id);
      CREATE VIRTUAL TABLE entries_search USING fts5(
        label, url, content='entries', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2'
      );
      CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_search (rowid, label, url) VALUES (new.id, new.label, new.url);
      END;
      CREATE TRIGGER entries_search_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_search (entries_search, rowid, label, url)
          VALUES ('delete', old.id, old.label, old.url);
      END;
      INSERT INTO entries_search (entries_search) VALUES ('rebuild');
    `),
  // 3: renewals. A renewal names the entry it renews (no foreign key: deleting the old entry
  // leaves the new one as it is); the partial index finds an entry's renewals and costs nothing
  // for the links that are not renewals. "Expiring soon" has no index of its own: one on expiry
  // slowed the recording of a batch by about a fifth, and counting among 100,000 links without it
  // takes under 10 ms (it reads the Key-Pair-Id index, which holds the expiry).
  (db) =>
    db.exec(`
      ALTER TABLE entries ADD COLUMN renewed_from INTEGER;
      CREATE INDEX entries_by_renewed_from ON entries (renewed_from) WHERE renewed_from IS NOT NULL;
    `),
]

export const SCHEMA_VERSION = MIGRATIONS.length

export function schemaVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
}

/**
 * Brings the file up to `target` (the latest by default; tests stop earlier to make old files).
 * BEGIN IMMEDIATE takes the write lock first, so when the app and the CLI open an old file at the
 * same moment, one migrates and the other then sees the new version and does nothing.
 */
export function migrate(db: DatabaseSync, target = SCHEMA_VERSION): void {
  for (;;) {
    db.exec('BEGIN IMMEDIATE')
    try {
      const version = schemaVersion(db)
      if (version > SCHEMA_VERSION) {
        throw new KeyfrontError(
          'HISTORY_UNREADABLE',
          'The link history was written by a newer version of Keyfront. Update Keyfront to open it.',
        )
      }
      const next = MIGRATIONS[version]
      if (version >= target || !next) {
        db.exec('COMMIT')
        return
      }
      next(db)
      db.exec(`PRAGMA user_version = ${version + 1}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
  }
}
