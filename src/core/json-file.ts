// A small JSON file in the data dir (settings-sized lists), validated on read. Every change goes
// through update(): under a lock shared with other processes (the app and the CLI write the same
// files), it reads the file, applies the change and writes it atomically — a temp file in the same
// folder, flushed, renamed over the old one — so no change is lost and a crash never leaves half a
// file. A missing file reads as `empty`.
import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { z } from 'zod'
import { KeyfrontError } from '../shared/errors.ts'
import { ensureDataDir } from './data-dir.ts'
import { dataFileError, errnoOf } from './file-errors.ts'
import { withFileLock } from './file-lock.ts'

/** What a change decides: the new content to write (none: leave the file as it is) and what to return. */
export interface Change<T, R> {
  write?: T
  result: R
}

/** Changes to one path made in this process, chained: the lock file then only sees other processes. */
const inProcess = new Map<string, Promise<unknown>>()

export interface JsonFileOptions {
  /** What to say when the file is not what the schema describes (default: move it away). */
  damaged?: (path: string) => KeyfrontError
}

export class JsonFile<T> {
  readonly path: string
  readonly #schema: z.ZodType<T>
  readonly #empty: T
  readonly #damaged: (path: string) => KeyfrontError

  constructor(path: string, schema: z.ZodType<T>, empty: T, options: JsonFileOptions = {}) {
    this.path = resolve(path)
    this.#schema = schema
    this.#empty = empty
    this.#damaged = options.damaged ?? damaged
  }

  async read(): Promise<T> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return this.#empty
      throw dataFileError(error, this.path, 'read')
    }
    const parsed = this.#schema.safeParse(safeJson(text))
    if (!parsed.success) throw this.#damaged(this.path)
    return parsed.data
  }

  /**
   * Lock → read → change → write → unlock. `change` runs while the lock is held, so what it reads
   * is what it replaces; it may do other work that must not interleave with another writer's (a
   * keychain entry that goes with a record). When it throws, nothing is written.
   */
  update<R>(change: (current: T) => Promise<Change<T, R>> | Change<T, R>): Promise<R> {
    const previous = inProcess.get(this.path) ?? Promise.resolve()
    const run = previous.then(() => this.#locked(change))
    const tail = run.catch(() => undefined)
    inProcess.set(this.path, tail)
    void tail.then(() => {
      if (inProcess.get(this.path) === tail) inProcess.delete(this.path)
    })
    return run
  }

  async #locked<R>(change: (current: T) => Promise<Change<T, R>> | Change<T, R>): Promise<R> {
    ensureDataDir(dirname(this.path))
    return withFileLock(this.path, async () => {
      const { write, result } = await change(await this.read())
      if (write !== undefined) await this.#write(write)
      return result
    })
  }

  async #write(value: T): Promise<void> {
    const dir = dirname(this.path)
    const temp = join(dir, `.${basename(this.path)}.${randomBytes(6).toString('hex')}.tmp`)
    try {
      const handle = await open(temp, 'wx', 0o600)
      try {
        await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temp, this.path)
    } catch (error) {
      await rm(temp, { force: true })
      throw dataFileError(error, this.path, 'save')
    }
    await syncFolder(dir)
  }
}

/** Makes the rename itself durable. Best effort: not every platform lets a folder be opened. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  let handle: FileHandle | undefined
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // The rename happened; only its durability across a power cut is less certain.
  } finally {
    await handle?.close()
  }
}

function damaged(path: string): KeyfrontError {
  return new KeyfrontError(
    'INVALID_INPUT',
    `${path} is damaged. Move it away (Keyfront starts a new one); nothing secret is kept in it.`,
  )
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
