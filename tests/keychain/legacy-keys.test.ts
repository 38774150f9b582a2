// Legacy CloudFront key pairs (trusted signers) against a real Secret Service: an `APKA…` key of
// RSA 1024, 2048 or 4096 bits is imported with its id, signs, and is marked legacy in the key list
// and `keyfront keys list|show` (text and --json); a Key-Pair-Id of the other kind is refused
// where Keyfront can tell, with nothing left in the keychain; a legacy size never goes to a key
// group.
import { generateKeyPairSync, randomBytes, verify } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Keyfront } from '../../src/core/app.ts'
import type { CloudFrontApi } from '../../src/core/cloudfront/api.ts'
import { ensurePublicKey } from '../../src/core/cloudfront/public-keys.ts'
import { fromUrlSafeBase64 } from '../../src/core/signing/policy.ts'
import type { KeyDetails, KeySummary } from '../../src/shared/contract/keys.ts'
import { runCli } from '../harness/cli.ts'
import { createTestKeyfront } from '../harness/keyfront.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'

const service = `Keyfront-legacy-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-legacy-'))
const fileDir = mkdtempSync(join(tmpdir(), 'keyfront-legacy-files-'))
const kf: Keyfront = createTestKeyfront({ dataDir, keychainService: service })
const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service }

const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits })
const pkcs1 = (bits: number) => rsa(bits).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()

afterAll(async () => {
  for (const key of await kf.keys.list()) await kf.keys.delete(key.id)
  kf.close()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(fileDir, { recursive: true, force: true })
})

describe('importing legacy key pairs', () => {
  it.each([
    [1024, 'APKAEIBAERJR2EXAMPL1', { rsaBits: 1024, legacy: true }],
    [2048, 'APKAEIBAERJR2EXAMPL2', { legacy: true }],
    [4096, 'APKAEIBAERJR2EXAMPL4', { rsaBits: 4096, legacy: true }],
  ] as const)('RSA %i with %s: imported, marked legacy, and it signs', async (bits, keyPairId, marks) => {
    const key = await kf.keys.import({ name: `Old ${bits}`, pem: pkcs1(bits), keyPairId })
    expect(key).toMatchObject({ keyPairId, ...marks })
    if (bits === 2048) expect(key.rsaBits).toBeUndefined()
    expect(keychainAccounts(service)).toContain(key.id)
    const link = await kf.links.sign({
      key: key.name,
      url: 'https://d111111abcdef8.cloudfront.net/old.pdf',
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    })
    expect(link.signedUrl).toMatch(new RegExp(`&Key-Pair-Id=${keyPairId}&`))
    const signature = fromUrlSafeBase64(new URL(link.signedUrl ?? '').searchParams.get('Signature') ?? '')
    const details = await kf.keys.show(key.id)
    expect(verify('sha1', Buffer.from(link.policy), details.publicKeyPem, signature ?? Buffer.alloc(0))).toBe(
      true,
    )
    const report = await kf.links.inspect({ input: link.signedUrl ?? '' })
    expect(report).toMatchObject({ heldKey: { name: key.name }, signature: 'verified', validNow: true })
    expect(report.notes.join(' ')).toMatch(/is a legacy CloudFront key pair/)
  })

  it('refuses an RSA 4096 key without its id, naming the way in, and stores nothing', async () => {
    const before = keychainAccounts(service).length
    await expect(kf.keys.import({ name: 'Big', pem: pkcs1(4096) })).rejects.toMatchObject({
      code: 'KEY_WRONG_SIZE',
      message: expect.stringMatching(/give its Key-Pair-Id \(APKA…\) with it/) as unknown,
    })
    expect(keychainAccounts(service)).toHaveLength(before)
  })

  it('refuses an RSA 4096 key with a key group’s id, and an ECDSA key with a legacy id', async () => {
    const before = keychainAccounts(service).length
    await expect(
      kf.keys.import({ name: 'Big K', pem: pkcs1(4096), keyPairId: 'K2JCJMDEHXQW5F' }),
    ).rejects.toMatchObject({ code: 'KEY_PAIR_ID_KIND_MISMATCH' })
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    })
    await expect(
      kf.keys.import({ name: 'EC legacy', pem: ec.toString(), keyPairId: 'APKAEIBAERJR2EXAMPL9' }),
    ).rejects.toMatchObject({
      code: 'KEY_PAIR_ID_KIND_MISMATCH',
      message: expect.stringMatching(/legacy CloudFront key pair, and those are RSA keys/) as unknown,
    })
    await expect(
      kf.keys.import({ name: 'RSA 3072', pem: pkcs1(3072), keyPairId: 'APKAEIBAERJR2EXAMPL8' }),
    ).rejects.toMatchObject({
      code: 'KEY_WRONG_SIZE',
      message: expect.stringMatching(
        /Legacy CloudFront key pairs are RSA 1024, 2048 or 4096 bits/,
      ) as unknown,
    })
    expect(keychainAccounts(service)).toHaveLength(before)
  })
})

describe('Key-Pair-Ids set by hand', () => {
  it('a legacy id on an RSA 2048 key makes it legacy; a key group id on a 4096 key, or a legacy id on ECDSA, is refused', async () => {
    const made = await kf.keys.create({ name: 'Made here', type: 'rsa' })
    expect(made.legacy).toBeUndefined()
    expect(await kf.keys.setKeyPairId(made.id, 'APKAEIBAERJR2EXAMPLA')).toMatchObject({ legacy: true })
    const big = (await kf.keys.list()).find((key) => key.rsaBits === 4096) as KeySummary
    await expect(kf.keys.setKeyPairId(big.id, 'K3NEWKEYGROUP1')).rejects.toMatchObject({
      code: 'KEY_PAIR_ID_KIND_MISMATCH',
    })
    const ec = await kf.keys.create({ name: 'Phone', type: 'ecdsa' })
    await expect(kf.keys.setKeyPairId(ec.id, 'APKAEIBAERJR2EXAMPLB')).rejects.toMatchObject({
      code: 'KEY_PAIR_ID_KIND_MISMATCH',
    })
    expect((await kf.keys.find(ec.id)).keyPairId).toBeUndefined()
  })

  it('never uploads a legacy RSA 4096 key to CloudFront for a key group', async () => {
    const big = (await kf.keys.list()).find((key) => key.rsaBits === 4096) as KeySummary
    const api = {} as CloudFrontApi
    await expect(ensurePublicKey(api, big, await kf.keys.publicKeyPem(big.id))).rejects.toMatchObject({
      code: 'KEY_WRONG_SIZE',
      message: expect.stringMatching(/is an RSA 4096 legacy key pair/) as unknown,
    })
  })
})

describe('keyfront keys list and show', () => {
  it('mark legacy key pairs, with the one-line hint, in text and --json', async () => {
    const file = join(fileDir, 'old.pem')
    writeFileSync(file, pkcs1(4096))
    const imported = await runCli(
      ['keys', 'import', '--name', 'Old CLI', '--file', file, '--key-pair-id', 'APKAEIBAERJR2EXAMPLC'],
      { env },
    )
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toMatch(/\ntype {9}RSA 4096 \(legacy key pair\)\n/)
    const list = await runCli(['keys', 'list'], { env })
    expect(list.stdout).toMatch(/Old CLI +RSA 4096 \(legacy key pair\) +APKAEIBAERJR2EXAMPLC/)
    expect(list.stdout).toMatch(/\n\nLegacy key pair \(trusted signer\): CloudFront key groups replace these/)
    const listed = JSON.parse((await runCli(['keys', 'list', '--json'], { env })).stdout) as KeySummary[]
    expect(listed.find((key) => key.name === 'Old CLI')).toMatchObject({ legacy: true, rsaBits: 4096 })
    expect(listed.find((key) => key.name === 'Phone')?.legacy).toBeUndefined()
    const shown = await runCli(['keys', 'show', 'Old CLI'], { env })
    expect(shown.stdout).toMatch(/key-pair-id {2}APKAEIBAERJR2EXAMPLC\nLegacy key pair \(trusted signer\)/)
    const details = JSON.parse(
      (await runCli(['keys', 'show', 'Old CLI', '--json'], { env })).stdout,
    ) as KeyDetails
    expect(details).toMatchObject({ legacy: true, rsaBits: 4096, keyPairId: 'APKAEIBAERJR2EXAMPLC' })
  })
})

describe('the lifecycle of a legacy key pair', () => {
  it('is "legacy", and replacing, retiring or reading its usage says why Keyfront cannot', async () => {
    const key = await kf.keys.import({
      name: 'Old signer',
      pem: pkcs1(2048),
      keyPairId: 'APKAEIBAERJR2EXAMPLD',
    })
    const statuses = await kf.keyLifecycle.statuses()
    expect(statuses.find((status) => status.keyId === key.id)?.status).toBe('legacy')
    const refusal = {
      code: 'KEY_LEGACY_PAIR',
      message: expect.stringMatching(
        /is a legacy key pair .* create a new key and restrict your distributions/,
      ) as unknown,
    }
    await expect(kf.keyLifecycle.usage(key.name)).rejects.toMatchObject(refusal)
    await expect(kf.keyLifecycle.planRotate({ key: key.name })).rejects.toMatchObject(refusal)
    await expect(kf.keyLifecycle.planRetire({ key: key.name, stopLinksNow: true })).rejects.toMatchObject(
      refusal,
    )
    const cli = await runCli(['keys', 'retire', 'Old signer', '--dry-run'], { env })
    expect(cli.code).toBe(1)
    expect(cli.stderr).toMatch(/legacy key pair/)
  })
})
