// `keyfront keys create --kms`, `keys add-kms`, `keys schedule-kms-deletion`, and signing with a
// key kept in AWS KMS, run in-process over the real core: a real Secret Service (which must hold
// nothing for a KMS key), KMS and CloudFront over HTTP (moto_server). Text and --json, exit codes.
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeySummary } from '../../src/shared/contract/keys.ts'
import { runCli, type CliRun } from '../harness/cli.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'

const service = `Keyfront-kms-cli-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-kms-cli-'))
const colleagueDir = mkdtempSync(join(tmpdir(), 'keyfront-kms-colleague-'))
const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service }
let moto: Moto

const keyfront = (...argv: string[]): Promise<CliRun> => runCli(argv, { env })
async function json<T>(...argv: string[]): Promise<T> {
  const result = await keyfront(...argv, '--json')
  expect(result.code, result.stdout + result.stderr).toBe(0)
  return JSON.parse(result.stdout) as T
}

beforeAll(async () => {
  moto = await startMoto()
  Object.assign(process.env, moto.env)
})
afterAll(async () => {
  await moto.stop()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(colleagueDir, { recursive: true, force: true })
})

describe('a team key in AWS KMS from the command line', () => {
  it('is created with --kms, listed with its custody and ARN, and the keychain holds nothing for it', async () => {
    const created = await keyfront(
      'keys',
      'create',
      '--name',
      'Team',
      '--kms',
      '--type',
      'ecdsa',
      '--region',
      'us-east-1',
    )
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout).toMatch(/Created "Team"\. Its private key stays in AWS KMS/)
    expect(created.stdout).toMatch(/kept in +AWS KMS, arn:aws:kms:us-east-1:\d{12}:key\//)
    expect(created.stdout).toContain('keyfront cloudfront upload "Team"')
    const [listed] = await json<KeySummary[]>('keys', 'list')
    expect(listed).toMatchObject({ name: 'Team', custody: 'kms', kms: { region: 'us-east-1' } })
    expect(listed?.kms?.arn).toMatch(/^arn:aws:kms:/)
    expect(await json<KeySummary>('keys', 'show', 'Team')).toMatchObject({ custody: 'kms', kms: listed?.kms })
    expect((await keyfront('keys', 'list')).stdout).toMatch(/^Team +ECDSA P-256 +- +.* AWS KMS$/m)
    expect(keychainAccounts(service)).toEqual([])
    // The data folder: keys.json names the key and holds its public half; no private key anywhere.
    for (const file of readdirSync(dataDir)) {
      const text = readFileSync(join(dataDir, file), 'latin1')
      expect(text).not.toMatch(/PRIVATE KEY|"d"\s*:|privateKey/)
    }
  })

  it('uploads to CloudFront like any key, then signs links with Hash-Algorithm=SHA256', async () => {
    const upload = await keyfront('cloudfront', 'upload', 'Team')
    expect(upload.code, upload.stderr).toBe(0)
    const signed = await keyfront(
      'sign',
      'https://d111111abcdef8.cloudfront.net/a.pdf',
      '--key',
      'Team',
      '--expires',
      '1d',
    )
    expect(signed.code, signed.stderr).toBe(0)
    expect(signed.stdout).toMatch(/&Hash-Algorithm=SHA256/)
  })

  it('refuses to export it, with the reason and its own exit status', async () => {
    const result = await keyfront(
      'keys',
      'export',
      'Team',
      '--out',
      join(dataDir, 'x.pem'),
      '--passphrase-env',
      'NOPE',
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/never leaves KMS/)
    const asJson = await keyfront(
      'keys',
      'export',
      'Team',
      '--out',
      join(dataDir, 'x.pem'),
      '--passphrase-env',
      'NOPE',
      '--json',
    )
    expect(JSON.parse(asJson.stdout || asJson.stderr)).toMatchObject({
      error: { code: 'KEY_NOT_EXPORTABLE' },
    })
  })

  it('a colleague adds it by alias and finds its Key-Pair-Id', async () => {
    const theirs = await runCli(
      ['keys', 'add-kms', '--name', 'Shop team', '--kms-key', 'alias/keyfront/Team', '--json'],
      {
        env: { KEYFRONT_DATA_DIR: colleagueDir, KEYFRONT_KEYCHAIN_SERVICE: service },
      },
    )
    expect(theirs.code, theirs.stderr).toBe(0)
    const mine = await json<KeySummary>('keys', 'show', 'Team')
    expect(JSON.parse(theirs.stdout)).toMatchObject({
      custody: 'kms',
      fingerprint: mine.fingerprint,
      keyPairId: mine.keyPairId,
    })
  })

  it('--profile and --region without --kms are a usage error', async () => {
    const result = await keyfront('keys', 'create', '--name', 'Local', '--region', 'us-east-1')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/add --kms/)
  })

  it('schedules deletion in KMS only with --yes, and says how to cancel', async () => {
    const unconfirmed = await keyfront('keys', 'schedule-kms-deletion', 'Team')
    expect(unconfirmed.code).toBe(2)
    const scheduled = await keyfront('keys', 'schedule-kms-deletion', 'Team', '--days', '7', '--yes')
    expect(scheduled.code, scheduled.stderr).toBe(0)
    expect(scheduled.stdout).toMatch(/To cancel: aws kms cancel-key-deletion --key-id arn:aws:kms:/)
    const { kms } = await json<KeySummary>('keys', 'show', 'Team')
    const client = new KMSClient({ region: 'us-east-1', endpoint: moto.endpoint })
    const meta = await client.send(new DescribeKeyCommand({ KeyId: kms?.arn }))
    expect(meta.KeyMetadata?.KeyState).toBe('PendingDeletion')
    // Removing it from Keyfront forgets it here only.
    const removed = await keyfront('keys', 'delete', 'Team', '--yes')
    expect(removed.stdout).toMatch(/stays in AWS KMS/)
    expect(await json<KeySummary[]>('keys', 'list')).toEqual([])
  })
})
