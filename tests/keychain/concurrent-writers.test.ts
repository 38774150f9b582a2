// Separate processes changing the same data folder at once — what happens when the app and a
// script (or four scripts) create keys together: every change is kept, and every private key in
// the keychain belongs to a listed key. Each writer is a real `keyfront` process run from source.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'
import type { KeySummary } from '../../src/shared/contract/keys.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'

const service = `Keyfront-race-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-race-'))
const cli = join(process.cwd(), 'src/cli/index.ts')

/** A process of its own: `keyfront ARGV…` run from source, or `-e SCRIPT` (an ES module over src). */
function keyfront(...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = argv[0] === '-e' ? ['--input-type=module', ...argv] : [cli, ...argv]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

afterAll(async () => {
  const keychain = createKeytarKeychain(service)
  for (const account of keychainAccounts(service)) await keychain.delete(account)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('four `keyfront keys create` processes at once', () => {
  it('list four keys, and the keychain holds exactly their four private keys', async () => {
    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta']
    const runs = await Promise.all(
      names.map((name) => keyfront('keys', 'create', '--name', name, '--type', 'ecdsa')),
    )
    for (const run of runs) expect(run.code, run.stderr).toBe(0)
    const list = await keyfront('keys', 'list', '--json')
    const keys = JSON.parse(list.stdout) as KeySummary[]
    expect(keys.map((key) => key.name).sort()).toEqual(names)
    expect(keychainAccounts(service).sort()).toEqual(keys.map((key) => key.id).sort())
  })

  it('all with the same name: one is created, the others are told the name is taken, no orphan secret', async () => {
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => keyfront('keys', 'create', '--name', 'Echo', '--type', 'ecdsa', '--json')),
    )
    expect(runs.filter((run) => run.code === 0)).toHaveLength(1)
    for (const run of runs.filter((run) => run.code !== 0)) {
      expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'KEY_NAME_TAKEN' } })
    }
    const keys = JSON.parse((await keyfront('keys', 'list', '--json')).stdout) as KeySummary[]
    expect(keys).toHaveLength(5)
    expect(keychainAccounts(service).sort()).toEqual(keys.map((key) => key.id).sort())
  })
})

describe('four processes adding AWS access keys at once', () => {
  it('list all of them, each with its secret in the keychain', async () => {
    const writers = ['north', 'south', 'east', 'west']
    const names = writers.flatMap((writer) => [1, 2, 3, 4, 5].map((n) => `${writer}-${n}`))
    const add = (writer: string) => `
      import { AwsAccounts } from './src/core/aws/accounts.ts'
      import { createKeytarKeychain } from './src/core/keychain/keytar-keychain.ts'
      const keychain = createKeytarKeychain(process.env.KEYFRONT_KEYCHAIN_SERVICE)
      const aws = new AwsAccounts({ dataDir: process.env.KEYFRONT_DATA_DIR, keychain, clock: { now: () => Date.now() }, aws: {} })
      for (let n = 1; n <= 5; n++) {
        await aws.addAccessKey({ name: '${writer}-' + n, accessKeyId: 'AKIAEXAMPLE000000000', secretAccessKey: 'secret-${writer}-' + n })
      }`
    const runs = await Promise.all(writers.map((writer) => keyfront('-e', add(writer))))
    for (const run of runs) expect(run.code, run.stderr).toBe(0)
    const listed = await keyfront(
      '-e',
      `import { AwsAccounts } from './src/core/aws/accounts.ts'
      const aws = new AwsAccounts({ dataDir: process.env.KEYFRONT_DATA_DIR, keychain: {}, clock: { now: () => Date.now() }, aws: {} })
      console.log(JSON.stringify((await aws.profiles()).profiles.filter((p) => p.source === 'keyfront').map((p) => p.name)))`,
    )
    expect((JSON.parse(listed.stdout) as string[]).sort()).toEqual([...names].sort())
    const accounts = keychainAccounts(service).filter((account) => account.startsWith('aws:'))
    expect(accounts.sort()).toEqual(names.map((name) => `aws:${name}`).sort())
  })
})
