// Setup export → import between two data folders (keychains in memory here; the real Secret Service
// and the byte-identical link are in tests/keychain/setup-cli.test.ts): an ECDSA key arrives whole,
// a name already used here by another key gets " (2)", a name the site cannot keep is left out, the
// file shows only which site it is for, and an edited file, a wrong passphrase or an absurd scrypt cost
// is refused before anything changes.
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../../../src/core/clock.ts'
import { SignedSites } from '../../../../src/core/cloudfront/signed-sites.ts'
import { KeyService } from '../../../../src/core/keys/key-service.ts'
import { SetupService } from '../../../../src/core/setup/setup-service.ts'
import { memoryKeychain } from '../cloudfront/world.ts'

const PASSPHRASE = 'eight or more'
const ID = 'E2QWRUHAPOMQZL'
const folders: string[] = []
const clock: Clock = { now: () => 1_700_000_000_000 }

function computer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-setup-'))
  folders.push(dataDir)
  const keychain = memoryKeychain()
  const keys = new KeyService({ dataDir, keychain, clock })
  const sites = new SignedSites(dataDir)
  return { dataDir, keychain, keys, sites, setup: new SetupService({ keys, sites, clock }) }
}

async function office(siteName = 'Board papers') {
  const from = computer()
  const key = await from.keys.create({ name: 'reports', type: 'ecdsa' })
  await from.keys.recordUpload(key.id, { keyPairId: 'K2JCJMDEHXQW5F', accountId: '123456789012' })
  await from.sites.remember({
    distributionId: ID,
    domainName: 'd111111abcdef8.cloudfront.net',
    aliases: [],
    keyId: key.id,
    keyPairId: 'K2JCJMDEHXQW5F',
    keyGroupId: 'group-1',
    keyGroupName: `keyfront-${ID}`,
    restrictedPaths: ['*'],
    accountId: '123456789012',
    onboardedAt: 0,
    name: siteName,
  })
  const file = join(from.dataDir, 'out.keyfront-setup')
  await from.setup.export(ID, PASSPHRASE, file, { replace: false })
  return { from, key, file }
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe('setup export → import', () => {
  it('brings an ECDSA key whole, with its Key-Pair-Id, under a free name', async () => {
    const { key, file } = await office()
    const to = computer()
    await to.keys.create({ name: 'Reports', type: 'rsa' })
    const result = await to.setup.import(file, PASSPHRASE)
    expect(result.key).toMatchObject({
      name: 'reports (2)',
      type: 'ecdsa',
      fingerprint: key.fingerprint,
      keyPairId: 'K2JCJMDEHXQW5F',
    })
    expect(result.site).toMatchObject({ distributionId: ID, keyId: result.key.id, name: 'Board papers' })
    expect(to.keychain.entries.size).toBe(2)
  })

  it('leaves out a site name this computer could not keep', async () => {
    const { file } = await office('x'.repeat(200))
    const to = computer()
    const result = await to.setup.import(file, PASSPHRASE)
    expect(result.site.name).toBeUndefined()
  })

  it('writes no private key, no key DER and no passphrase: only the site is readable', async () => {
    const { from, key, file } = await office()
    const text = readFileSync(file, 'utf8')
    const held = await from.keys.loadSigningKey(key.id)
    if (held.custody !== 'keychain') throw new Error('the office key is held here')
    const der = held.privateKey.export({ type: 'pkcs8', format: 'der' })
    expect(text).not.toContain('PRIVATE KEY')
    expect(text).not.toContain(der.toString('base64').slice(40, 80))
    expect(text).not.toContain(der.toString('hex').slice(80, 160))
    expect(text).not.toContain(PASSPHRASE)
    expect(text).not.toContain('K2JCJMDEHXQW5F')
    expect(JSON.parse(text)).toMatchObject({
      format: 'keyfront-setup',
      version: 1,
      readable: { site: 'Board papers', address: 'd111111abcdef8.cloudfront.net' },
      sealed: { kdf: 'scrypt', N: 2 ** 17, r: 8, p: 1, cipher: 'aes-256-gcm' },
    })
  })

  it('imports what was sealed, whatever the readable part was edited to say', async () => {
    const { file } = await office()
    const edited = JSON.parse(readFileSync(file, 'utf8')) as { readable: object }
    edited.readable = { site: 'Payroll\u001b[2J', address: 'evil.example' }
    writeFileSync(file, JSON.stringify(edited))
    const result = await computer().setup.import(file, PASSPHRASE)
    expect(result.site).toMatchObject({ name: 'Board papers', domainName: 'd111111abcdef8.cloudfront.net' })
  })

  it('refuses an edited sealed part, a wrong passphrase and an absurd cost, and changes nothing', async () => {
    const { file } = await office()
    const good = readFileSync(file, 'utf8')
    const sealed = (JSON.parse(good) as { sealed: { data: string } }).sealed
    const data = Buffer.from(sealed.data, 'base64')
    data[data.length >> 1] = (data[data.length >> 1] as number) ^ 0x80
    const refusals: [string, string][] = [
      [good.replace(sealed.data, data.toString('base64')), 'SETUP_PASSPHRASE_WRONG'],
      [good.replace('"N": 131072', '"N": 1099511627776'), 'SETUP_FILE_INVALID'],
      [good.replace('"N": 131072', '"N": 1024'), 'SETUP_FILE_INVALID'],
    ]
    const to = computer()
    for (const [text, code] of refusals) {
      writeFileSync(file, text)
      await expect(to.setup.import(file, PASSPHRASE)).rejects.toMatchObject({ code })
    }
    writeFileSync(file, good)
    await expect(to.setup.import(file, 'not the passphrase')).rejects.toMatchObject({
      code: 'SETUP_PASSPHRASE_WRONG',
    })
    expect(await to.keys.list()).toEqual([])
    expect(await to.sites.list()).toEqual([])
    expect(to.keychain.entries.size).toBe(0)
  })

  it('refuses an empty passphrase on export and on import', async () => {
    const { from, file } = await office()
    await expect(
      from.setup.export(ID, '', join(from.dataDir, 'x'), { replace: false }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(computer().setup.import(file, '')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('names an unknown site on export', async () => {
    const { from } = await office()
    await expect(
      from.setup.export('nowhere.example', PASSPHRASE, join(from.dataDir, 'y'), { replace: false }),
    ).rejects.toMatchObject({ code: 'SITE_NOT_FOUND' })
  })
})

describe('a setup for a key kept by AWS KMS', () => {
  const ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'

  async function teamOffice() {
    const from = computer()
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const publicKeyDer = publicKey.export({ type: 'spki', format: 'der' })
    const key = await from.keys.addKms({
      name: 'Team key',
      kms: { arn: ARN, region: 'eu-west-1', profile: 'my-own-profile' },
      publicKeyDer,
    })
    await from.keys.recordUpload(key.id, { keyPairId: 'K3TEAMKEY0000A', accountId: '123456789012' })
    await from.sites.remember({
      distributionId: ID,
      domainName: 'd111111abcdef8.cloudfront.net',
      aliases: [],
      keyId: key.id,
      keyPairId: 'K3TEAMKEY0000A',
      keyGroupId: 'group-1',
      keyGroupName: `keyfront-${ID}`,
      restrictedPaths: ['*'],
      accountId: '123456789012',
      onboardedAt: 0,
    })
    const file = join(from.dataDir, 'team.keyfront-setup')
    await from.setup.export(ID, PASSPHRASE, file, { replace: false })
    return { key, file }
  }

  it('carries where the key is, not a secret: the colleague lists the same KMS key, the keychain stays empty', async () => {
    const { key, file } = await teamOffice()
    const to = computer()
    const result = await to.setup.import(file, PASSPHRASE)
    expect(result.key).toMatchObject({
      name: 'Team key',
      custody: 'kms',
      fingerprint: key.fingerprint,
      keyPairId: 'K3TEAMKEY0000A',
      kms: { arn: ARN, region: 'eu-west-1' },
    })
    // The profile name was the sender's own: the colleague signs with their default credentials.
    expect(result.key.kms?.profile).toBeUndefined()
    expect(to.keychain.entries.size).toBe(0)
    expect(result.site).toMatchObject({ distributionId: ID, keyId: result.key.id })
  })

  it('reuses the KMS key when this computer lists it already', async () => {
    const { file } = await teamOffice()
    const to = computer()
    const first = await to.setup.import(file, PASSPHRASE)
    const again = await to.setup.import(file, PASSPHRASE)
    expect(again).toMatchObject({ keyReused: true, siteUpdated: true, key: { id: first.key.id } })
    expect(await to.keys.list()).toHaveLength(1)
  })
})
