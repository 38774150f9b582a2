// A key file named on the command line is read up to 64 KiB + 1 bytes and no further, whatever it
// is: a device that never ends (/dev/zero) or a FIFO someone keeps writing into is refused with
// KEY_FILE_TOO_LARGE at once — for `sign --key-file`, `keys import --file` and
// `inspect --public-key` alike — and a FIFO that carries a real key still works.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../harness/cli.ts'
import { RSA_KEY, pem } from '../core/signing/fixtures.ts'

const dir = mkdtempSync(join(tmpdir(), 'keyfront-cli-key-files-'))
const env = {
  KEYFRONT_DATA_DIR: join(dir, 'data'),
  KEYFRONT_KEYCHAIN_SERVICE: `Keyfront-cli-key-files-${randomBytes(4).toString('hex')}`,
}
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const URL_OK = 'https://d111111abcdef8.cloudfront.net/report.pdf'
const LINK = `${URL_OK}?Expires=2000000000&Signature=AAAA&Key-Pair-Id=K2JCJMDEHXQW5F`
const commands = (file: string): [string, string[]][] => [
  [
    'sign --key-file',
    ['sign', URL_OK, '--key-file', file, '--key-pair-id', 'K2JCJMDEHXQW5F', '--expires', '1d'],
  ],
  ['keys import --file', ['keys', 'import', '--name', 'Zero', '--file', file]],
  ['inspect --public-key', ['inspect', LINK, '--public-key', file]],
]

async function errorCode(argv: string[]): Promise<string | undefined> {
  const run = await runCli([...argv, '--json'], { env })
  expect(run.code).toBe(1)
  return (JSON.parse(run.stdout) as { error?: { code: string } }).error?.code
}

let fifos = 0
function fifo(): string {
  const path = join(dir, `fifo-${fifos++}`)
  execFileSync('mkfifo', [path])
  return path
}

/** Writes `bytes` into the FIFO (up to 16 MiB of zeros, or given text) until the reader hangs up. */
async function feed(path: string, bytes: Buffer | 'endless'): Promise<number> {
  const file = await open(path, 'w')
  let written = 0
  try {
    const chunk = bytes === 'endless' ? Buffer.alloc(64 * 1024) : bytes
    do {
      written += (await file.write(chunk)).bytesWritten
    } while (bytes === 'endless' && written < 16 * 1024 * 1024)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error
  } finally {
    await file.close()
  }
  return written
}

describe('key files that never end', () => {
  it.each(commands('/dev/zero'))('%s /dev/zero: KEY_FILE_TOO_LARGE', async (_, argv) => {
    expect(await errorCode(argv)).toBe('KEY_FILE_TOO_LARGE')
  })

  it.each(commands('FIFO'))(
    '%s on a FIFO kept full: KEY_FILE_TOO_LARGE, having read little more than 64 KiB',
    async (_, argv) => {
      const path = fifo()
      const writer = feed(path, 'endless')
      expect(await errorCode(argv.map((arg) => (arg === 'FIFO' ? path : arg)))).toBe('KEY_FILE_TOO_LARGE')
      // What the writer got rid of: what was read, plus at most the pipe's own buffer.
      expect(await writer).toBeLessThan(1024 * 1024)
    },
  )

  it('a FIFO that carries a key signs like a file', async () => {
    const path = fifo()
    const writer = feed(path, Buffer.from(pem(RSA_KEY.privateKey)))
    const run = await runCli(
      ['sign', URL_OK, '--key-file', path, '--key-pair-id', 'K2JCJMDEHXQW5F', '--expires', '1d'],
      { env },
    )
    await writer
    expect(run.stderr).toMatch(/Signed with key "fifo-\d+"/)
    expect(run.code).toBe(0)
  })

  it('a folder is "cannot read", as before', async () => {
    expect(await errorCode(commands(dir)[0]?.[1] ?? [])).toBe('KEY_FILE_NOT_FOUND')
  })
})
