// Child of full-disk.test.ts, run by Node (type stripping) inside its own mount namespace with a
// small tmpfs at KEYFRONT_DATA_DIR's parent and a real Secret Service: fills that disk, runs
// `keyfront` commands (in-process, each with a fresh core, as separate runs would) and core calls
// against it, makes it read-only, then frees the space and retries. Prints one JSON object: what
// each step answered.
import { spawnSync } from 'node:child_process'
import { closeSync, ftruncateSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { AwsAccounts } from '../../src/core/aws/accounts.ts'
import { createAwsClientFactory } from '../../src/core/aws/clients.ts'
import { systemClock } from '../../src/core/clock.ts'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'
import { runCli, type CliRun } from '../harness/cli.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'

const dataDir = process.env.KEYFRONT_DATA_DIR ?? ''
const service = process.env.KEYFRONT_KEYCHAIN_SERVICE ?? ''
const disk = join(dataDir, '..')
const filler = join(disk, 'filler')
const PAGE = 4096

async function cli(...argv: string[]): Promise<{ code: number; out: unknown; stderr: string }> {
  const run: CliRun = await runCli([...argv, '--json'], { stdin: process.env.SCENARIO_STDIN })
  let out: unknown
  try {
    out = JSON.parse(run.stdout)
  } catch {
    out = run.stdout
  }
  return { code: run.code, out, stderr: run.stderr }
}

function remount(mode: 'ro' | 'rw'): void {
  const run = spawnSync('mount', ['-o', `remount,${mode}`, disk], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`remount ${mode}: ${run.stderr}`)
}

/**
 * Fills the disk, then frees one page: a small file still fits, a second one does not — so a
 * change gets its lock file, runs (a new key reaches the keychain), and then cannot be saved.
 */
function fillDisk(): void {
  const fd = openSync(filler, 'w')
  const chunk = Buffer.alloc(64 * 1024)
  let size = 0
  try {
    for (;;) size += writeSync(fd, chunk)
  } catch {
    // ENOSPC: full.
  }
  ftruncateSync(fd, Math.max(0, size - (size % PAGE) - PAGE))
  closeSync(fd)
}

const aws = new AwsAccounts({
  dataDir,
  keychain: createKeytarKeychain(service),
  aws: createAwsClientFactory(),
  clock: systemClock,
})
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ ok: true }),
    (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }),
  )

const result: Record<string, unknown> = {}
const kept = (await cli('keys', 'create', '--name', 'Kept', '--type', 'ecdsa')).out as { id: string }
await cli('keys', 'set-id', 'Kept', 'K2JCJMDEHXQW5F')
await aws.addAccessKey({
  name: 'office',
  accessKeyId: 'AKIAOFFICE0000000003',
  secretAccessKey: 'x'.repeat(40),
})
await cli('sign', 'https://d111111abcdef8.cloudfront.net/first.pdf', '--key', 'Kept', '--expires', '1h')
result.keptId = kept.id

remount('ro')
result.readOnlyList = await cli('keys', 'list')
result.readOnlyRename = await cli('keys', 'rename', 'Kept', 'Renamed')
result.readOnlyHistory = await cli('history', 'list')
remount('rw')

fillDisk()
result.list = await cli('keys', 'list')
result.create = await cli('keys', 'create', '--name', 'New', '--type', 'ecdsa')
result.accountsAfterCreate = keychainAccounts(service)
result.delete = await cli('keys', 'delete', 'Kept', '--yes')
result.listAfterDelete = await cli('keys', 'list')
result.accountsAfterDelete = keychainAccounts(service)
result.removeAccessKey = await outcome(aws.removeAccessKey('office'))
result.profilesAfterRemove = (await aws.profiles()).profiles.filter((p) => p.source === 'keyfront')
result.sign = await cli(
  'sign',
  'https://d111111abcdef8.cloudfront.net/a.pdf',
  '--key',
  'Kept',
  '--expires',
  '1h',
)
process.env.SCENARIO_STDIN =
  'https://d111111abcdef8.cloudfront.net/1.pdf\nhttps://d111111abcdef8.cloudfront.net/2.pdf\n'
result.batch = await cli('sign', '--key', 'Kept', '--expires', '1h')
delete process.env.SCENARIO_STDIN

rmSync(filler)
result.retryDelete = await cli('keys', 'delete', 'Kept', '--yes')
result.retryRemoveAccessKey = await outcome(aws.removeAccessKey('office'))
result.listAfterRetry = await cli('keys', 'list')
result.accountsAfterRetry = keychainAccounts(service)
console.log(JSON.stringify(result))
