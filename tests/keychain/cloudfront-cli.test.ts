// `keyfront aws …` and `keyfront cloudfront …` run in-process over the real core: keys in a real
// Secret Service, CloudFront and STS over HTTP (moto_server; the double for what moto lacks),
// every command in text and --json, exit codes 0 / 1 / 2.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../src/core/history/history-store.ts'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'
import type {
  DistributionInfo,
  KeyGroupInfo,
  OnboardPlan,
  OnboardResult,
  PublicKeyInfo,
  SignedSite,
} from '../../src/shared/contract/cloudfront.ts'
import type { KeySummary } from '../../src/shared/contract/keys.ts'
import { runCli, type CliRun } from '../harness/cli.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../harness/cloudfront-double.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { createTestDistribution, directClient } from '../unit/core/cloudfront/world.ts'

const service = `Keyfront-cf-cli-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-cf-cli-'))
const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service }
let moto: Moto
let double: CloudFrontDouble
let distributionId: string
let keyId: string

const keyfront = (...argv: string[]): Promise<CliRun> => runCli(argv, { env })

async function json<T>(...argv: string[]): Promise<T> {
  const result = await keyfront(...argv, '--json')
  expect(result.code, result.stdout + result.stderr).toBe(0)
  return JSON.parse(result.stdout) as T
}

beforeAll(async () => {
  moto = await startMoto()
  double = await startCloudFrontDouble()
  // The SDK reads endpoints and credentials from the process environment, as it does for users.
  Object.assign(process.env, moto.env)
  distributionId = await createTestDistribution(directClient(moto.endpoint), 'CLI files')
  keyId = (await json<KeySummary>('keys', 'create', '--name', 'reports')).id
})
afterAll(async () => {
  await createKeytarKeychain(service).delete(keyId)
  await moto.stop()
  await double.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('keyfront aws whoami', () => {
  it('prints the account and identity in use', async () => {
    const result = await keyfront('aws', 'whoami')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Account:  123456789012')
    expect(result.stdout).toContain('arn:aws:sts::123456789012:user/moto')
    expect(await json('aws', 'whoami')).toMatchObject({ accountId: '123456789012' })
  })

  it('exits 1 with a code for an unknown profile, 2 for a malformed one', async () => {
    const unknown = await keyfront('aws', 'whoami', '--profile', 'nobody', '--json')
    expect(unknown.code).toBe(1)
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'AWS_PROFILE_NOT_FOUND' } })
    const malformed = await keyfront('aws', 'whoami', '--profile', 'two words')
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toContain('--profile')
  })
})

describe('keyfront cloudfront onboard', () => {
  const onboard = [
    'cloudfront',
    'onboard',
    '--key',
    'reports',
    '--behavior',
    'default',
    '--behavior',
    '/private/*',
  ]

  it('--dry-run prints the plan, behavior by behavior, and changes nothing', async () => {
    const result = await keyfront(...onboard, '--distribution', distributionId, '--dry-run')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`Plan for ${distributionId}`)
    expect(result.stdout).toMatch(/default\s+anyone \(no signed links needed\)\s+→\s+keyfront-/)
    expect(result.stdout).toMatch(/\/private\/\*\s+anyone .*→/)
    expect(result.stdout).toContain('403 Forbidden')
    const plan = await json<OnboardPlan>(...onboard, '--distribution', distributionId, '--dry-run')
    expect(plan).toMatchObject({ changes: true, publicKey: { action: 'upload' } })
    expect(await json<PublicKeyInfo[]>('cloudfront', 'keys')).toEqual([])
  })

  it('applies and waits for the deployment (--wait --json)', async () => {
    const result = await json<OnboardResult>(...onboard, '--distribution', distributionId, '--wait')
    expect(result).toMatchObject({
      changed: true,
      status: 'Deployed',
      changedBehaviors: ['default', '/private/*'],
      keyGroupName: `keyfront-${distributionId}`,
    })
  })

  it('says so when run again: nothing changed', async () => {
    const result = await keyfront(...onboard, '--distribution', distributionId)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Nothing changed')
    expect(result.stderr).toContain('Nothing to change')
  })

  it('remembers the site: `sign --site ADDRESS PATH` signs with its key and records the distribution', async () => {
    const [site] = await json<SignedSite[]>('cloudfront', 'sites')
    expect(site).toMatchObject({ distributionId, keyId, restrictedPaths: ['*', '/private/*'] })
    const domain = site?.domainName ?? ''
    expect((await keyfront('cloudfront', 'sites')).stdout).toContain(
      `${distributionId}  ${domain}  key "reports"`,
    )

    const signed = await keyfront(
      'sign',
      '--site',
      domain.toUpperCase(),
      '/reports/Q3 report.pdf',
      '--expires',
      '1d',
      // The bucket in moto holds no such file; the existence check has its own tests (files-cli).
      '--no-check',
    )
    expect(signed.code, signed.stderr).toBe(0)
    expect(signed.stdout).toMatch(
      new RegExp(
        `^https://${domain.replace(/\./g, '\\.')}/reports/Q3%20report\\.pdf\\?Expires=\\d+&Key-Pair-Id=${site?.keyPairId}&Signature=`,
      ),
    )
    const history = new HistoryStore({ dataDir, clock: { now: () => Date.now() } })
    expect(history.list({ limit: 1 }).entries[0]).toMatchObject({ distributionId, keyId })
    expect(history.distributionIds()).toEqual([distributionId])
    history.close()

    const unknown = await keyfront('sign', '--site', 'nowhere.example', 'a.pdf', '--expires', '1d', '--json')
    expect(unknown.code).toBe(1)
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'SITE_NOT_FOUND' } })
    expect((await keyfront('sign', '--site', distributionId, '--expires', '1d')).code).toBe(2)
  })

  it('`sign --site S` with no path signs every path of stdin on the site, in order, recording the distribution', async () => {
    const [site] = await json<SignedSite[]>('cloudfront', 'sites')
    const domain = site?.domainName ?? ''
    const history = new HistoryStore({ dataDir, clock: { now: () => Date.now() } })
    const before = history.list({ limit: 100 }).entries.length
    history.close()

    const signed = await runCli(['sign', '--site', distributionId, '--expires', '1d'], {
      env,
      stdin: 'b/second file.pdf\n\n/a/first.pdf\n',
    })
    expect(signed.code, signed.stderr).toBe(0)
    const links = signed.stdout.trim().split('\n')
    expect(links).toHaveLength(2)
    expect(links[0]).toMatch(
      new RegExp(`^https://${domain.replace(/\./g, '\\.')}/b/second%20file\\.pdf\\?Expires=`),
    )
    expect(links[1]).toMatch(new RegExp(`^https://${domain.replace(/\./g, '\\.')}/a/first\\.pdf\\?Expires=`))
    expect(links[1]).toContain(`&Key-Pair-Id=${site?.keyPairId}&`)

    const after = new HistoryStore({ dataDir, clock: { now: () => Date.now() } })
    const entries = after.list({ limit: 100 }).entries
    expect(entries.length).toBe(before + 2)
    expect(entries.slice(0, 2)).toEqual([
      expect.objectContaining({ distributionId, keyId, source: 'batch' }),
      expect.objectContaining({ distributionId, keyId, source: 'batch' }),
    ])
    after.close()

    const wholeUrl = await runCli(['sign', '--site', distributionId, '--expires', '1d', '--json'], {
      env,
      stdin: 'https://elsewhere.example/x.pdf\n',
    })
    expect(wholeUrl.code).toBe(1)
    expect(JSON.parse(wholeUrl.stdout)).toMatchObject({ error: { code: 'URL_INVALID' } })
  })

  it('lists the public keys, marking the one Keyfront holds, and reuses it on upload', async () => {
    const text = await keyfront('cloudfront', 'keys')
    expect(text.stdout).toMatch(/^KEY-PAIR-ID\s+NAME\s+KEYFRONT KEY/)
    expect(text.stdout).toContain('reports')
    const [key] = await json<PublicKeyInfo[]>('cloudfront', 'keys')
    expect(key?.heldKey?.name).toBe('reports')
    const upload = await keyfront('cloudfront', 'upload', 'reports')
    expect(upload.stdout).toContain(`was already in account 123456789012 as public key ${key?.id}`)
  })

  it('lists distributions with who each behavior trusts', async () => {
    const text = await keyfront('cloudfront', 'distributions')
    expect(text.stdout).toContain(`${distributionId}`)
    expect(text.stdout).toMatch(/\/media\/\*\s+trusts: anyone/)
    const [distribution] = await json<DistributionInfo[]>('cloudfront', 'distributions')
    expect(distribution?.behaviors.map((b) => b.trustedKeyGroups.length)).toEqual([1, 1, 0])
  })

  it('detaches the key group from one behavior', async () => {
    const args = [
      'cloudfront',
      'detach',
      '--distribution',
      distributionId,
      '--key-group',
      `keyfront-${distributionId}`,
    ]
    const plan = await keyfront(...args, '--behavior', '/private/*', '--dry-run')
    expect(plan.stdout).toContain('no longer requires signed links')
    const result = await keyfront(...args, '--behavior', '/private/*')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Changed /private/*')
    const [site] = await json<SignedSite[]>('cloudfront', 'sites')
    expect(site?.restrictedPaths).toEqual(['*'])
    const forgot = await keyfront('cloudfront', 'sites', '--forget', distributionId)
    expect(forgot.stdout).toContain(`Forgot ${distributionId} here`)
    expect(await json<SignedSite[]>('cloudfront', 'sites')).toEqual([])
  })

  it('exits 2 on a malformed distribution id and 1 on one that does not exist', async () => {
    const malformed = await keyfront('cloudfront', 'onboard', '--distribution', 'e1-x', '--key', 'reports')
    expect(malformed.code).toBe(2)
    const missing = await keyfront(
      'cloudfront',
      'onboard',
      '--distribution',
      'E0000000000000',
      '--key',
      'reports',
      '--json',
    )
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'CF_NO_SUCH_DISTRIBUTION' } })
  })
})

describe('keyfront cloudfront key-groups (against the double: moto lacks ListDistributionsByKeyGroup)', () => {
  it('lists each group with its keys and the distributions that trust it', async () => {
    Object.assign(process.env, double.env)
    const id = await createTestDistribution(directClient(double.endpoint), 'Double')
    await json('cloudfront', 'onboard', '--distribution', id, '--key', 'reports')
    const [group] = await json<KeyGroupInfo[]>('cloudfront', 'key-groups')
    expect(group).toMatchObject({ name: `keyfront-${id}`, distributions: [{ id }] })
    expect(group?.keys[0]?.heldKey?.name).toBe('reports')
    const text = await keyfront('cloudfront', 'key-groups')
    expect(text.stdout).toContain(`keyfront-${id}`)
    expect(text.stdout).toContain(`1 of 5 keys; trusted by ${id}`)
    expect(text.stdout).toContain('(Keyfront key "reports")')
  })
})
