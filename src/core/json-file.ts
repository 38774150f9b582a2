// A small JSON file in the data dir (settings-sized lists), validated on read and written
// atomically — a temp file in the same folder, flushed, then renamed over the old one — so a crash
// never leaves half a file. A missing file reads as `empty`.
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { z } from 'zod'
import { KeyfrontError } from '../shared/errors.ts'

export class JsonFile<T> {
  readonly path: string
  readonly #schema: z.ZodType<T>
  readonly #empty: T

  constructor(path: string, schema: z.ZodType<T>, empty: T) {
    this.path = path
    this.#schema = schema
    this.#empty = empty
  }

  async read(): Promise<T> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.#empty
      throw new KeyfrontError(
        'FILE_UNWRITABLE',
        `Keyfront cannot read ${this.path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check that it is readable by you.`,
        { cause: error },
      )
    }
    const parsed = this.#schema.safeParse(safeJson(text))
    if (!parsed.success) {
      throw new KeyfrontError(
        'INVALID_INPUT',
        `${this.path} is damaged. Move it away (Keyfront starts a new one); nothing secret is kept in it.`,
      )
    }
    return parsed.data
  }

  async write(value: T): Promise<void> {
    const dir = dirname(this.path)
    const temp = join(dir, `.${basename(this.path)}.${randomBytes(6).toString('hex')}.tmp`)
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 })
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
      throw new KeyfrontError(
        'FILE_UNWRITABLE',
        `Keyfront could not save ${this.path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check free disk space and that the folder is writable by you.`,
        { cause: error },
      )
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
