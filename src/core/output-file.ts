// Files the user asks Keyfront to write — an exported private key, a history CSV, a batch's links,
// a link's QR code.
// Each is written whole to a temp file beside the target (owner-only from its first byte), flushed,
// then moved into place: a failed export leaves whatever was there before. An existing target is
// replaced only when the caller says so (`--force`, or a save dialog that already asked), and a
// symbolic link is never followed: the link itself is what would be replaced.
import { randomBytes } from 'node:crypto'
import { link, lstat, open, rename, rm, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { KeyfrontError } from '../shared/errors.ts'
import { errnoOf, outputFileError, outputIsFolder } from './file-errors.ts'

export interface OutputSink {
  write(text: string): Promise<void>
  /** Bytes as they are (an image), after the text written so far. */
  writeBytes(bytes: Uint8Array): Promise<void>
}

export interface OutputOptions {
  /** Replace an existing file (or symbolic link) at the path. */
  replace: boolean
}

/** Written in chunks of about this many characters, so an export of any size never sits in memory whole. */
const CHUNK = 256 * 1024

export async function writeOutputFile(
  path: string,
  options: OutputOptions,
  produce: (out: OutputSink) => Promise<void>,
): Promise<void> {
  await checkTarget(path, options.replace)
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  let handle: FileHandle | undefined
  try {
    // 'wx': created here and now, never an existing file or a link planted at this name.
    handle = await open(temp, 'wx', 0o600).catch((error: unknown) => {
      throw outputFileError(error, path)
    })
    const sink = new BufferedSink(handle, path)
    await produce(sink)
    await io(path, async () => {
      await sink.flush()
      await handle?.sync()
      await handle?.close()
      handle = undefined
      await place(temp, path, options.replace)
    })
  } catch (error) {
    await handle?.close().catch(() => undefined)
    await rm(temp, { force: true })
    throw error
  }
}

async function checkTarget(path: string, replace: boolean): Promise<void> {
  const stats = await lstat(path).catch((error: unknown) => {
    if (errnoOf(error) === 'ENOENT') return undefined
    throw outputFileError(error, path)
  })
  if (!stats) return
  if (stats.isDirectory()) throw outputIsFolder(path)
  if (!replace) throw exists(path, stats.isSymbolicLink())
}

/** Moves the finished temp file to the path; without `replace`, only if nothing appeared there meanwhile. */
async function place(temp: string, path: string, replace: boolean): Promise<void> {
  if (replace) return rename(temp, path)
  try {
    // A hard link is created only where no name exists yet — no window for a file or link to slip in.
    await link(temp, path)
  } catch (error) {
    const code = errnoOf(error)
    if (code === 'EEXIST') throw exists(path, false)
    // Some file systems (FAT, some network shares) have no hard links: check once more, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error
    await checkTarget(path, false)
    return rename(temp, path)
  }
  await rm(temp, { force: true })
}

function exists(path: string, symbolicLink: boolean): KeyfrontError {
  return new KeyfrontError(
    'FILE_EXISTS',
    symbolicLink
      ? `${path} is a symbolic link, and Keyfront does not write through links. Choose another name, or add --force to replace the link itself.`
      : `${path} already exists. Choose another name, or add --force to replace it.`,
  )
}

/** Runs file-system work on the output, turning its failures into messages that name the path. */
async function io(path: string, work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    throw outputFileError(error, path)
  }
}

class BufferedSink implements OutputSink {
  readonly #handle: FileHandle
  readonly #path: string
  #pending: string[] = []
  #length = 0

  constructor(handle: FileHandle, path: string) {
    this.#handle = handle
    this.#path = path
  }

  async write(text: string): Promise<void> {
    this.#pending.push(text)
    this.#length += text.length
    if (this.#length > CHUNK) await this.flush()
  }

  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush()
    await io(this.#path, () => this.#handle.writeFile(bytes))
  }

  async flush(): Promise<void> {
    const text = this.#pending.join('')
    this.#pending = []
    this.#length = 0
    if (text) await io(this.#path, () => this.#handle.writeFile(text))
  }
}
