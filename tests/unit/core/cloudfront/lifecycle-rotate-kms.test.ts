// Replacing a key kept in AWS KMS: KMS from moto_server (behind a recording proxy, to count calls
// and fail one), CloudFront from the double (moto has no UpdateKeyGroup). The new key is made in
// KMS, in the old key's region and of its type, and links signed with it verify with its KMS public
// key; a run that failed after CreateKey, before the new key was recorded, takes the key under its
// alias when run again; a keychain key is still replaced by a keychain key, with no KMS call.
import {
  CreateKeyCommand,
  CreateAliasCommand,
  DescribeKeyCommand,
  KMSClient,
  ListKeysCommand,
} from '@aws-sdk/client-kms'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rotatePlanText, rotateResultText } from '../../../../src/cli/commands/key-lifecycle-format.ts'
import type { KeySummary } from '../../../../src/shared/contract/keys.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../../../harness/cloudfront-double.ts'
import { startMoto, type Moto } from '../../../harness/moto.ts'
import { awsErrorJson, startRecordingProxy, type RecordingProxy } from '../../../harness/recording-proxy.ts'
import { createKmsWorld, kmsPublicKey, opensslVerifies, urlParts, type KmsWorld } from '../kms/kms-world.ts'
import { createTestDistribution, directClient } from './world.ts'

let moto: Moto
let proxy: RecordingProxy
let double: CloudFrontDouble
let world: KmsWorld

/** Not the SDK's default region (us-east-1): the new key must follow the old key's record. */
const REGION = 'eu-west-1'
const kms = () =>
  new KMSClient({
    region: REGION,
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
const calls = (operation: string) =>
  proxy.requests.filter((request) => request.target === `TrentService.${operation}`).length

beforeAll(async () => {
  moto = await startMoto()
  proxy = await startRecordingProxy(moto.endpoint)
})
afterAll(async () => {
  await proxy.close()
  await moto.stop()
})
beforeEach(async () => {
  await moto.reset()
  double = await startCloudFrontDouble()
  Object.assign(process.env, moto.env, double.env, { AWS_ENDPOINT_URL_KMS: proxy.endpoint })
  world = createKmsWorld()
})
afterEach(async () => {
  world.close()
  await double.stop()
})

/** A site whose default behavior trusts a key group holding `key`, onboarded here. */
async function onboard(key: KeySummary): Promise<void> {
  const distributionId = await createTestDistribution(directClient(double.endpoint), 'Shop')
  await world.kf.cloudfront.onboard({ distributionId, key: key.id, behaviors: ['default'] })
  proxy.requests.length = 0
  proxy.faults.length = 0
}

async function kmsShop(): Promise<KeySummary> {
  const { key } = await world.kf.kmsKeys.create({ name: 'Team 2025', type: 'ecdsa', region: REGION })
  await onboard(key)
  return key
}

describe('replacing a key kept in AWS KMS', () => {
  it('plans the new key in KMS, in the old key’s region', async () => {
    await kmsShop()
    const plan = await world.kf.keyLifecycle.planRotate({ key: 'Team 2025', name: 'Team 2026' })
    expect(plan.newKey).toEqual({ action: 'create', name: 'Team 2026', type: 'ecdsa', kmsRegion: REGION })
    expect(rotatePlanText(plan)).toContain(
      `New key:   create "Team 2026" (ECDSA P-256), kept in AWS KMS, ${REGION}`,
    )
    expect(calls('CreateKey')).toBe(0)
  })

  it('makes the new key in KMS — same region and type, alias and tags — and links signed with it verify', async () => {
    const old = await kmsShop()
    const result = await world.kf.keyLifecycle.rotate({ key: 'Team 2025', name: 'Team 2026' })
    expect(result).toMatchObject({
      keyCreated: true,
      uploaded: true,
      sitesSwitched: [expect.any(String)],
      newKey: { kmsRegion: REGION },
    })
    expect(rotateResultText(result)).toContain(
      `Made "Team 2026" (kept in AWS KMS, ${REGION}) to replace "Team 2025"`,
    )
    const key = await world.kf.keys.find('Team 2026')
    expect(key).toMatchObject({ custody: 'kms', type: 'ecdsa', kms: { region: REGION } })
    expect(key.kms?.arn).toMatch(new RegExp(`^arn:aws:kms:${REGION}:\\d{12}:key/`))
    expect(key.kms?.arn).not.toBe(old.kms?.arn)
    const meta = (await kms().send(new DescribeKeyCommand({ KeyId: 'alias/keyfront/Team-2026' }))).KeyMetadata
    expect(meta).toMatchObject({ Arn: key.kms?.arn, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })
    // Nothing went to the keychain, and the old key records its replacement.
    expect(world.keychain.entries.size).toBe(0)
    const lifecycles = await world.kf.keys.lifecycles()
    expect(lifecycles.find((held) => held.key.id === old.id)?.lifecycle.replacedBy).toBe(key.id)

    const signed = await world.kf.links.sign({
      key: 'Team 2026',
      url: 'https://d111111abcdef8.cloudfront.net/reports/Q3.pdf',
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    })
    const parts = urlParts(signed.signedUrl ?? '')
    expect(parts.keyPairId).toBe(result.newKey.keyPairId)
    expect(
      opensslVerifies(await kmsPublicKey(kms(), key.kms?.arn ?? ''), parts.policy, parts.signature),
    ).toBe(true)
  })

  it('takes the key type asked for', async () => {
    await kmsShop()
    await world.kf.keyLifecycle.rotate({ key: 'Team 2025', name: 'Team RSA', type: 'rsa' })
    const key = await world.kf.keys.find('Team RSA')
    const meta = (await kms().send(new DescribeKeyCommand({ KeyId: key.kms?.arn }))).KeyMetadata
    expect(meta?.KeySpec).toBe('RSA_2048')
  })

  it('run again after failing between CreateKey and recording, takes the key under the alias: one new KMS key', async () => {
    await kmsShop()
    proxy.faults.push((request) =>
      request.target === 'TrentService.GetPublicKey'
        ? awsErrorJson('AccessDeniedException', 'not allowed')
        : undefined,
    )
    await expect(world.kf.keyLifecycle.rotate({ key: 'Team 2025', name: 'Team 2026' })).rejects.toMatchObject(
      {
        code: 'AWS_ACCESS_DENIED',
      },
    )
    expect(calls('CreateKey')).toBe(1)
    expect((await world.kf.keys.list()).map((k) => k.name)).toEqual(['Team 2025'])

    proxy.faults.length = 0
    const result = await world.kf.keyLifecycle.rotate({ key: 'Team 2025', name: 'Team 2026' })
    expect(result.keyCreated).toBe(true)
    expect(calls('CreateKey')).toBe(1)
    const adopted = (await kms().send(new DescribeKeyCommand({ KeyId: 'alias/keyfront/Team-2026' })))
      .KeyMetadata
    expect((await world.kf.keys.find('Team 2026')).kms?.arn).toBe(adopted?.Arn)
    expect((await kms().send(new ListKeysCommand({}))).Keys).toHaveLength(2)

    // A third run has nothing left to make.
    const again = await world.kf.keyLifecycle.rotate({ key: 'Team 2025', name: 'Team 2026' })
    expect(again).toMatchObject({ keyCreated: false, changed: false })
    expect(calls('CreateKey')).toBe(1)
  })

  it('refuses a name whose alias names another kind of key in KMS, making none', async () => {
    await kmsShop()
    const other = await kms().send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))
    await kms().send(
      new CreateAliasCommand({
        AliasName: 'alias/keyfront/Team-2026',
        TargetKeyId: other.KeyMetadata?.KeyId,
      }),
    )
    await expect(world.kf.keyLifecycle.rotate({ key: 'Team 2025', name: 'Team 2026' })).rejects.toMatchObject(
      {
        code: 'KEY_NAME_TAKEN',
        message: expect.stringMatching(/alias\/keyfront\/Team-2026 in eu-west-1/) as unknown,
      },
    )
    expect(calls('CreateKey')).toBe(0)
    expect((await world.kf.keys.list()).map((k) => k.name)).toEqual(['Team 2025'])
  })
})

describe('replacing a key kept in the keychain', () => {
  it('makes the new key in the keychain, with no call to KMS', async () => {
    const key = await world.kf.keys.create({ name: 'Shop 2025', type: 'rsa' })
    await onboard(key)
    const plan = await world.kf.keyLifecycle.planRotate({ key: 'Shop 2025', name: 'Shop 2026' })
    expect(plan.newKey.kmsRegion).toBeUndefined()
    expect(rotatePlanText(plan)).toContain("kept in this computer's keychain")
    await world.kf.keyLifecycle.rotate({ key: 'Shop 2025', name: 'Shop 2026' })
    const made = await world.kf.keys.find('Shop 2026')
    expect(made.custody).toBe('keychain')
    expect(world.keychain.entries.has(made.id)).toBe(true)
    expect(proxy.requests).toEqual([])
  })
})
