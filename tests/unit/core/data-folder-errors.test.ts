// What the CLI says when the data folder is not as Keyfront left it — each case with its own code
// and a message naming the place, never "Something went wrong inside Keyfront" — and that commands
// which do not need the history work whatever state it is in.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../harness/cli.ts'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyfront-folder-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function cliError(dataDir: string, ...argv: string[]): Promise<{ code: string; message: string }> {
  const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: `Keyfront-folder-${process.pid}` }
  const result = await runCli([...argv, '--json'], { env })
  expect(result.code, result.stdout).toBe(1)
  return (JSON.parse(result.stdout) as { error: { code: string; message: string } }).error
}

function keysFile(dataDir: string, publicKey: string): void {
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(
    join(dataDir, 'keys.json'),
    JSON.stringify({
      version: 1,
      keys: [{ id: 'k1', name: 'Web', type: 'rsa', fingerprint: 'AA', createdAt: 1, publicKey, uploads: [] }],
    }),
  )
}

describe('a data folder that is not as Keyfront left it', () => {
  it('a file where the data folder should be: every command says so, naming it', async () => {
    const notAFolder = join(dir, 'Keyfront')
    writeFileSync(notAFolder, 'not a folder')
    for (const argv of [
      ['keys', 'list'],
      ['history', 'list'],
    ]) {
      expect(await cliError(notAFolder, ...argv), argv.join(' ')).toEqual({
        code: 'DATA_FOLDER_INVALID',
        message: expect.stringContaining(`${notAFolder} is not a folder`) as unknown,
      })
    }
  })

  it('a public key in keys.json that does not parse: named with its key, and what to do', async () => {
    const dataDir = join(dir, 'Keyfront')
    keysFile(dataDir, 'not base64 DER at all')
    expect(await cliError(dataDir, 'keys', 'show', 'Web')).toEqual({
      code: 'KEY_METADATA_UNREADABLE',
      message: expect.stringContaining(
        'The public key Keyfront recorded for "Web" in keys.json is damaged',
      ) as unknown,
    })
  })

  it('keys are listed even when the history cannot be opened at all', async () => {
    const dataDir = join(dir, 'Keyfront')
    keysFile(dataDir, 'AA==')
    mkdirSync(join(dataDir, 'history.sqlite'))
    const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: `Keyfront-folder-${process.pid}` }
    const list = await runCli(['keys', 'list', '--json'], { env })
    expect(list.code, list.stdout).toBe(0)
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'Web' }])
    expect((await cliError(dataDir, 'history', 'list')).code).toBe('HISTORY_UNREADABLE')
  })
})
