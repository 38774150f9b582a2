// A key's life end to end on the command line, over the real core: keys in a real Secret Service,
// CloudFront and STS over HTTP (the protocol double: moto has no UpdateKeyGroup), links signed by
// `keyfront sign --site`. keys usage → rotate (plan, refusal without --yes, apply) → retire
// (refused while links work) → stop links now, in text and --json, with exit codes 0 / 1 / 2 — and
// the same lifecycle channels through the real IPC router, with their error codes.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyLifecycleHandlers } from '../../src/main/ipc/key-lifecycle.ts'
import { createRouter, type HandlerTable } from '../../src/main/ipc/router.ts'
import type {
  KeyStatusInfo,
  KeyUsage,
  RetirePlan,
  RotatePlan,
  RotateResult,
} from '../../src/shared/contract/key-lifecycle.ts'
import type { KeySummary } from '../../src/shared/contract/keys.ts'
import type { SignedSite } from '../../src/shared/contract/cloudfront.ts'
import type { Envelope } from '../../src/shared/envelope.ts'
import { runCli, type CliRun } from '../harness/cli.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../harness/cloudfront-double.ts'
import { createTestKeyfront } from '../harness/keyfront.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'
import { createTestDistribution, directClient } from '../unit/core/cloudfront/world.ts'

const service = `Keyfront-lifecycle-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-lifecycle-cli-'))
const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service }
let double: CloudFrontDouble
let distributionId: string
let oldKey: KeySummary

const keyfront = (...argv: string[]): Promise<CliRun> => runCli(argv, { env })

async function json<T>(...argv: string[]): Promise<T> {
  const result = await keyfront(...argv, '--json')
  expect(result.code, result.stdout + result.stderr).toBe(0)
  return JSON.parse(result.stdout) as T
}

async function failure(
  ...argv: string[]
): Promise<{ code: number; error: { code: string; message: string } }> {
  const result = await keyfront(...argv, '--json')
  return { code: result.code, ...(JSON.parse(result.stdout) as { error: { code: string; message: string } }) }
}

beforeAll(async () => {
  double = await startCloudFrontDouble()
  Object.assign(process.env, double.env)
  distributionId = await createTestDistribution(directClient(double.endpoint), 'Shop files')
  oldKey = await json<KeySummary>('keys', 'create', '--name', 'Shop 2025')
  await json(
    'cloudfront',
    'onboard',
    '--distribution',
    distributionId,
    '--key',
    'Shop 2025',
    '--behavior',
    'default',
  )
  for (const [path, label] of [
    ['reports/Q3.pdf', 'For Ana'],
    ['reports/Q4.pdf', 'For Ben'],
  ]) {
    const signed = await keyfront(
      'sign',
      '--site',
      distributionId,
      path!,
      '--expires',
      '3d',
      '--label',
      label!,
      // No bucket behind the double: skip the existence check (tested in files-cli).
      '--no-check',
    )
    expect(signed.code, signed.stderr).toBe(0)
  }
}, 60_000)
afterAll(async () => {
  await double.stop()
  for (const account of keychainAccounts(service)) {
    await import('../../src/core/keychain/keytar-keychain.ts').then((m) =>
      m.createKeytarKeychain(service).delete(account),
    )
  }
  rmSync(dataDir, { recursive: true, force: true })
})

describe('keyfront keys usage', () => {
  it('names the groups, the distributions and behaviors trusting them, sites here and live links', async () => {
    const text = await keyfront('keys', 'usage', 'Shop 2025')
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toContain('Shop 2025 (RSA 2048) — In use, in account')
    expect(text.stdout).toMatch(
      new RegExp(`keyfront-${distributionId} \\(\\w+\\) — 1 of 5 keys: K\\w+ \\(this key\\)`),
    )
    expect(text.stdout).toContain(`trusted by ${distributionId} (`)
    expect(text.stdout).toMatch(/Links still working: 2, the last until \d{4}-\d{2}-\d{2} /)
    const usage = await json<KeyUsage>('keys', 'usage', 'Shop 2025')
    expect(usage).toMatchObject({
      status: 'in-use',
      sites: [{ distributionId }],
      liveLinks: { count: 2 },
      keyGroups: [{ distributions: [{ id: distributionId, behaviors: ['default'] }] }],
    })
  })

  it('exits 1 with KEY_NOT_FOUND for a key it does not hold', async () => {
    expect(await failure('keys', 'usage', 'Nobody')).toMatchObject({
      code: 1,
      error: { code: 'KEY_NOT_FOUND' },
    })
  })
})

describe('keyfront keys rotate', () => {
  it('without --yes prints the plan, changes nothing and exits 2', async () => {
    const result = await keyfront('keys', 'rotate', 'Shop 2025')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Plan: replace "Shop 2025"')
    expect(result.stderr).toContain(`keyfront-${distributionId}  add the new key (2 of 5 keys after)`)
    expect(result.stderr).toContain('run the same command with --yes to apply it')
    expect(await json<KeySummary[]>('keys', 'list')).toHaveLength(1)
  })

  it('--dry-run --json prints the plan', async () => {
    const plan = await json<RotatePlan>(
      'keys',
      'rotate',
      'Shop 2025',
      '--dry-run',
      '--type',
      'ecdsa',
      '--name',
      'Shop 2026',
    )
    expect(plan).toMatchObject({
      newKey: { action: 'create', name: 'Shop 2026', type: 'ecdsa' },
      blocked: [],
    })
    expect(await json<KeySummary[]>('keys', 'list')).toHaveLength(1)
  })

  it('--yes replaces it: new key in the keychain and the group, the site switched, the old key retiring', async () => {
    const result = await keyfront(
      'keys',
      'rotate',
      'Shop 2025',
      '--type',
      'ecdsa',
      '--name',
      'Shop 2026',
      '--yes',
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Made "Shop 2026" to replace "Shop 2025"; uploaded as Key-Pair-Id')
    expect(result.stdout).toMatch(
      /"Shop 2025" is retiring: its 2 links keep working until .* keyfront keys retire "Shop 2025"/,
    )
    const next = (await json<KeySummary[]>('keys', 'list')).find((k) => k.name === 'Shop 2026')!
    expect(keychainAccounts(service).sort()).toEqual([oldKey.id, next.id].sort())
    expect(double.keyGroups[0]?.items).toEqual([oldKey.keyPairId ?? double.publicKeys[0]?.id, next.keyPairId])
    expect((await json<SignedSite[]>('cloudfront', 'sites'))[0]).toMatchObject({
      keyId: next.id,
      keyPairId: next.keyPairId,
    })
    const again = await json<RotateResult>('keys', 'rotate', 'Shop 2025', '--yes')
    expect(again.changed).toBe(false)
    expect((await keyfront('keys', 'usage', 'Shop 2025')).stdout).toMatch(
      /Retiring \(last link expires \d{4}-\d{2}-\d{2}\)[\s\S]*Replaced by "Shop 2026"/,
    )
  })

  it('refuses a key never uploaded (exit 1: just upload it), a key file, and a bad --type (exit 2)', async () => {
    await json('keys', 'create', '--name', 'Fresh')
    const fresh = await failure('keys', 'rotate', 'Fresh', '--yes')
    expect(fresh).toMatchObject({ code: 1, error: { code: 'KEY_NOT_UPLOADED' } })
    expect(fresh.error.message).toContain('just upload it')
    const file = join(dataDir, 'partner.pem')
    writeFileSync(file, 'not read')
    expect(await failure('keys', 'rotate', file)).toMatchObject({ code: 1, error: { code: 'KEY_NOT_HELD' } })
    expect((await keyfront('keys', 'rotate', 'Fresh', '--type', 'dsa')).code).toBe(2)
    await json('keys', 'delete', 'Fresh', '--yes')
  })
})

describe('keyfront keys retire', () => {
  it('is refused while links still work: how many and until when (exit 1)', async () => {
    const refused = await failure('keys', 'retire', 'Shop 2025', '--yes')
    expect(refused).toMatchObject({ code: 1, error: { code: 'KEY_LINKS_STILL_WORK' } })
    expect(refused.error.message).toMatch(
      /^2 links signed with "Shop 2025" still work, the last until \d{4}-/,
    )
    const text = await keyfront('keys', 'retire', 'Shop 2025')
    expect(text.stderr).toContain('Refused: 2 links signed with "Shop 2025" still work')
  })

  it('--stop-links-now --dry-run lists the links that stop, by label and URL', async () => {
    const text = await keyfront('keys', 'retire', 'Shop 2025', '--stop-links-now', '--dry-run')
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toContain('Links that would stop: 2')
    expect(text.stdout).toMatch(/until .* UTC {2}For Ben {2}https:\/\/.*\/reports\/Q4\.pdf/)
    const plan = await json<RetirePlan>('keys', 'retire', 'Shop 2025', '--stop-links-now', '--dry-run')
    expect(plan).toMatchObject({
      blocked: [],
      liveLinks: { count: 2 },
      distributions: [{ id: distributionId }],
    })
  })

  it('--stop-links-now --yes --delete-private-key: out of CloudFront and the keychain', async () => {
    const result = await keyfront(
      'keys',
      'retire',
      'Shop 2025',
      '--stop-links-now',
      '--delete-private-key',
      '--yes',
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Retired "Shop 2025".')
    expect(result.stdout).toContain('2 links stop working once CloudFront has the change.')
    expect(keychainAccounts(service)).not.toContain(oldKey.id)
    const [next] = await json<KeySummary[]>('keys', 'list')
    expect(next?.name).toBe('Shop 2026')
    expect(double.keyGroups[0]?.items).toEqual([next?.keyPairId])
    expect(double.publicKeys.map((k) => k.id)).toEqual([next?.keyPairId])
  })
})

describe('the lifecycle channels through the IPC router', () => {
  let dispatch: (channel: string, payload: unknown) => Promise<Envelope<unknown>>
  beforeAll(() => {
    const kf = createTestKeyfront({ dataDir, keychainService: service })
    dispatch = createRouter(keyLifecycleHandlers(kf) as unknown as HandlerTable)
  })

  it('statuses, usage and plans answer with the contract; error codes survive', async () => {
    const statuses = (await dispatch('keys.statuses', undefined)) as Envelope<KeyStatusInfo[]>
    expect(statuses).toMatchObject({ ok: true, value: [{ status: 'in-use', liveLinks: 0 }] })
    const usage = (await dispatch('keys.usage', { key: 'Shop 2026' })) as Envelope<KeyUsage>
    expect(usage).toMatchObject({ ok: true, value: { status: 'in-use', sites: [{ distributionId }] } })
    expect(await dispatch('keys.planRetire', { key: 'Shop 2026' })).toMatchObject({
      ok: true,
      value: { blocked: [{ code: 'KEY_SITES_STILL_USE' }, { code: 'CF_LAST_KEY_IN_GROUP' }] },
    })
    expect(await dispatch('keys.retire', { key: 'Shop 2026' })).toEqual({
      ok: false,
      error: { code: 'KEY_SITES_STILL_USE', message: expect.stringContaining('Shop 2026') as unknown },
    })
    expect(await dispatch('keys.planRotate', { key: 'Shop 2026', profile: 'two words' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
