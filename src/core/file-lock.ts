// A lock file beside a data file, so that separate processes — the app and any number of
// `keyfront` commands — change that file one at a time. Taken with O_EXCL (only one creator can
// succeed); it names its holder (pid, host, time, a random token) so that a lock left by a process
// that died is recognised and broken instead of blocking everyone forever.
import { randomBytes } from 'node:crypto'
import { open, readFile, rm, stat } from 'node:fs/promises'
import { hostname } from 'node:os'
import { KeyfrontError } from '../shared/errors.ts'
import { dataFileError, errnoOf } from './file-errors.ts'

/** A holder that has not finished in this long is taken to be stuck (a lock is held for milliseconds). */
export const STALE_AFTER_MS = 30_000
/** How long a writer waits for a live holder before giving up: past STALE_AFTER_MS, so a stuck one is broken first. */
const WAIT_MS = STALE_AFTER_MS + 5_000
/** A lock file not yet filled in by its creator (it writes right after creating) is stale after this. */
const UNWRITTEN_STALE_MS = 5_000

interface Holder {
  pid: number
  host: string
  at: number
  token: string
}

export function lockPathFor(path: string): string {
  return `${path}.lock`
}

/** Runs `work` while holding the lock of `path`; the lock is released whatever `work` does. */
export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const lockPath = lockPathFor(path)
  const token = await acquire(lockPath).catch((error: unknown) => {
    throw dataFileError(error, path, 'save')
  })
  try {
    return await work()
  } finally {
    await release(lockPath, token)
  }
}

async function acquire(lockPath: string): Promise<string> {
  const holder: Holder = {
    pid: process.pid,
    host: hostname(),
    at: Date.now(),
    token: randomBytes(8).toString('hex'),
  }
  const deadline = Date.now() + WAIT_MS
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(lockPath, { ...holder, at: Date.now() })) return holder.token
    const seen = await readHolder(lockPath)
    if (seen && isStale(seen)) {
      await breakStale(lockPath, seen.text)
      continue
    }
    if (Date.now() > deadline) throw busy(lockPath)
    await sleep(Math.min(200, 5 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()))
  }
}

async function tryCreate(lockPath: string, holder: Holder): Promise<boolean> {
  let handle
  try {
    handle = await open(lockPath, 'wx', 0o600)
  } catch (error) {
    if (errnoOf(error) === 'EEXIST') return false
    throw error
  }
  try {
    await handle.writeFile(JSON.stringify(holder))
  } catch (error) {
    // A full disk, typically: an empty lock must not stay behind to block the others.
    await handle.close()
    await rm(lockPath, { force: true })
    throw error
  }
  await handle.close()
  return true
}

interface SeenHolder {
  text: string
  holder: Holder | undefined
  modifiedAt: number
}

/** The lock as it is now; undefined when it was released meanwhile. */
async function readHolder(lockPath: string): Promise<SeenHolder | undefined> {
  try {
    const [text, stats] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)])
    return { text, holder: parseHolder(text), modifiedAt: stats.mtimeMs }
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined
    throw error
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder>
    if (typeof value.pid === 'number' && typeof value.at === 'number' && typeof value.token === 'string') {
      return { pid: value.pid, host: String(value.host), at: value.at, token: value.token }
    }
  } catch {
    // Not written yet, or garbage: judged by the file's age below.
  }
  return undefined
}

function isStale(seen: SeenHolder): boolean {
  const { holder } = seen
  if (!holder) return Date.now() - seen.modifiedAt > UNWRITTEN_STALE_MS
  if (holder.host === hostname() && !processAlive(holder.pid)) return true
  // A pid may be reused, and a holder on another host (a shared home folder) cannot be asked.
  return Date.now() - holder.at > STALE_AFTER_MS
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, under another user.
    return errnoOf(error) === 'EPERM'
  }
}

/**
 * Removes a stale lock — only if it is still the very one judged stale. Breakers take turns
 * through a second lock file, so two of them cannot remove a fresh lock the first one let in.
 */
async function breakStale(lockPath: string, seenText: string): Promise<void> {
  const breaker = `${lockPath}.break`
  let handle
  try {
    handle = await open(breaker, 'wx', 0o600)
  } catch (error) {
    if (errnoOf(error) !== 'EEXIST') throw error
    // Another breaker is at work; one that died doing it (it takes microseconds) is cleared.
    const stats = await stat(breaker).catch(() => undefined)
    if (stats && Date.now() - stats.mtimeMs > UNWRITTEN_STALE_MS) await rm(breaker, { force: true })
    return
  }
  try {
    await handle.close()
    const now = await readFile(lockPath, 'utf8').catch(() => undefined)
    if (now === seenText) await rm(lockPath, { force: true })
  } finally {
    await rm(breaker, { force: true })
  }
}

/**
 * Removes the lock if it is still ours (a holder judged stale may have lost it to another). Never
 * throws: the work is done by now, and a lock that could not be removed is broken as stale later.
 */
async function release(lockPath: string, token: string): Promise<void> {
  try {
    const seen = await readHolder(lockPath)
    if (seen?.holder?.token === token) await rm(lockPath, { force: true })
  } catch {
    // See above.
  }
}

function busy(lockPath: string): KeyfrontError {
  return new KeyfrontError(
    'DATA_FOLDER_BUSY',
    `Another Keyfront (the app or a keyfront command) has been changing Keyfront's files for a long time, so this change was not made. Try again; if no other Keyfront is running, delete ${lockPath}.`,
  )
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
