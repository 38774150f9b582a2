// Each CloudFront failure Keyfront maps, produced for real over HTTP (the double's quotas and
// checks, or an injected answer), arrives as a stable code with plain words and the next step.
import {
  CreateKeyGroupCommand,
  CreatePublicKeyCommand,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront'
import { generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { publicKeyName } from '../../../../src/core/cloudfront/public-keys.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../../../harness/cloudfront-double.ts'
import { createTestDistribution, createWorld, directClient, readConfig, type World } from './world.ts'

let double: CloudFrontDouble
let world: World

beforeEach(async () => {
  double = await startCloudFrontDouble()
  Object.assign(process.env, double.env)
  world = createWorld({ maxAttempts: 2, requestTimeoutMs: 200 })
})
afterEach(async () => {
  world.close()
  await double.stop()
})

const client = () => directClient(double.endpoint)
const pem = () =>
  generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString()

async function setUp() {
  const id = await createTestDistribution(client())
  const key = await world.keys.create({ name: 'Errors', type: 'rsa' })
  return { id, key, request: { distributionId: id, key: key.id } }
}

describe('CloudFront errors in plain words', () => {
  it('AccessDenied names the refused IAM action and every action Keyfront needs', async () => {
    const { request } = await setUp()
    double.inject({ operation: 'UpdateDistribution', kind: 'access-denied' })
    const error = await world.cloudfront.onboard(request).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'AWS_ACCESS_DENIED' })
    const message = (error as Error).message
    expect(message).toContain('cloudfront:UpdateDistribution')
    for (const action of [
      'cloudfront:CreatePublicKey',
      'cloudfront:CreateKeyGroup',
      'cloudfront:UpdateKeyGroup',
      'cloudfront:GetDistributionConfig',
    ]) {
      expect(message).toContain(action)
    }
    expect(message).toMatch(/Ask your AWS administrator/)
  })

  it('TooManyPublicKeys: the account already has 10', async () => {
    for (let i = 0; i < 10; i++) {
      await client().send(
        new CreatePublicKeyCommand({
          PublicKeyConfig: { CallerReference: `r${i}`, Name: `n${i}`, EncodedKey: pem() },
        }),
      )
    }
    const key = await world.keys.create({ name: 'Eleventh', type: 'ecdsa' })
    await expect(world.cloudfront.upload(key.id)).rejects.toMatchObject({
      code: 'CF_TOO_MANY_PUBLIC_KEYS',
      message: expect.stringContaining('Delete a public key nothing uses') as unknown,
    })
  })

  it('TooManyPublicKeysInKeyGroup: the group filled up between planning and adding', async () => {
    const { id, request } = await setUp()
    const other = await client().send(
      new CreatePublicKeyCommand({ PublicKeyConfig: { CallerReference: 'o', Name: 'o', EncodedKey: pem() } }),
    )
    await client().send(
      new CreateKeyGroupCommand({
        KeyGroupConfig: { Name: `keyfront-${id}`, Items: [other.PublicKey?.Id ?? ''] },
      }),
    )
    double.inject({
      operation: 'UpdateKeyGroup',
      kind: 'error',
      status: 400,
      code: 'TooManyPublicKeysInKeyGroup',
    })
    await expect(world.cloudfront.onboard(request)).rejects.toMatchObject({
      code: 'CF_TOO_MANY_KEYS_IN_GROUP',
      message: "The key group already has 5 keys — CloudFront's limit. Remove one or use another group.",
    })
  })

  it('TooManyKeyGroupsAssociatedToDistribution: caught in the plan when a behavior trusts 4 groups already', async () => {
    const { id, request } = await setUp()
    const config = await readConfig(client(), id)
    const groups: string[] = []
    for (let i = 0; i < 4; i++) {
      const key = await client().send(
        new CreatePublicKeyCommand({
          PublicKeyConfig: { CallerReference: `g${i}`, Name: `g${i}`, EncodedKey: pem() },
        }),
      )
      const group = await client().send(
        new CreateKeyGroupCommand({
          KeyGroupConfig: { Name: `group-${i}`, Items: [key.PublicKey?.Id ?? ''] },
        }),
      )
      groups.push(group.KeyGroup?.Id ?? '')
    }
    config.DefaultCacheBehavior!.TrustedKeyGroups = { Enabled: true, Quantity: 4, Items: groups }
    await client().send(
      new UpdateDistributionCommand({
        Id: id,
        IfMatch: double.distributions.get(id)!.etag,
        DistributionConfig: config,
      }),
    )
    await expect(world.cloudfront.planOnboard(request)).rejects.toMatchObject({
      code: 'CF_TOO_MANY_KEY_GROUPS_ON_DISTRIBUTION',
      message: expect.stringContaining('Add the key to one of those groups') as unknown,
    })
    expect(double.publicKeys).toHaveLength(4)
  })

  it('TooManyKeyGroupsAssociatedToDistribution from the API is mapped too', async () => {
    const { request } = await setUp()
    double.inject({
      operation: 'UpdateDistribution',
      kind: 'error',
      status: 400,
      code: 'TooManyKeyGroupsAssociatedToDistribution',
    })
    await expect(world.cloudfront.onboard(request)).rejects.toMatchObject({
      code: 'CF_TOO_MANY_KEY_GROUPS_ON_DISTRIBUTION',
    })
  })

  it('KeyGroupAlreadyExists when the group cannot be found afterwards', async () => {
    const { request } = await setUp()
    double.inject({ operation: 'CreateKeyGroup', kind: 'error', status: 409, code: 'KeyGroupAlreadyExists' })
    await expect(world.cloudfront.onboard(request)).rejects.toMatchObject({
      code: 'CF_KEY_GROUP_EXISTS',
      message: expect.stringContaining('Choose that group, or another name') as unknown,
    })
  })

  it('PublicKeyAlreadyExists: a different key already has the name', async () => {
    const key = await world.keys.create({ name: 'Taken', type: 'rsa' })
    await client().send(
      new CreatePublicKeyCommand({
        PublicKeyConfig: { CallerReference: 'x', Name: publicKeyName(key), EncodedKey: pem() },
      }),
    )
    await expect(world.cloudfront.upload(key.id)).rejects.toMatchObject({
      code: 'CF_PUBLIC_KEY_EXISTS',
      message: expect.stringContaining('Rename your key in Keyfront') as unknown,
    })
  })

  it('PreconditionFailed twice in a row', async () => {
    const { request } = await setUp()
    double.inject({ operation: 'UpdateDistribution', kind: 'precondition', times: 2 })
    await expect(world.cloudfront.onboard(request)).rejects.toMatchObject({ code: 'CF_PRECONDITION_FAILED' })
  })

  it('NoSuchDistribution', async () => {
    const key = await world.keys.create({ name: 'Nowhere', type: 'rsa' })
    await expect(
      world.cloudfront.onboard({ distributionId: 'E0000000000000', key: key.id }),
    ).rejects.toMatchObject({
      code: 'CF_NO_SUCH_DISTRIBUTION',
      message: expect.stringContaining('pick another profile') as unknown,
    })
  })

  it('throttling that outlasts the SDK’s retries', async () => {
    double.inject({ operation: 'ListDistributions', kind: 'throttling', times: 5 })
    await expect(world.cloudfront.distributions()).rejects.toMatchObject({
      code: 'AWS_THROTTLED',
      message:
        'CloudFront is limiting how fast this account may call it even after 2 attempts. Wait a minute, then try again.',
    })
    expect(double.calls.filter((c) => c === 'ListDistributions')).toHaveLength(2)
  })

  it('HTTP 500 that outlasts the retries', async () => {
    double.inject({ operation: 'ListDistributions', kind: 'server-error', times: 5 })
    await expect(world.cloudfront.distributions()).rejects.toMatchObject({
      code: 'AWS_ERROR',
      message: expect.stringContaining(
        'internal problem (HTTP 500, InternalError) even after 2 attempts',
      ) as unknown,
    })
  })

  it('a request that never gets an answer (timeout)', async () => {
    double.inject({ operation: 'ListPublicKeys', kind: 'timeout', times: 5 })
    await expect(world.cloudfront.publicKeys()).rejects.toMatchObject({
      code: 'AWS_NETWORK',
      message: expect.stringContaining('Check your internet connection') as unknown,
    })
  })

  it('nothing listening at the endpoint (connection refused)', async () => {
    const port = await closedPort()
    process.env.AWS_ENDPOINT_URL_CLOUDFRONT = `http://127.0.0.1:${port}`
    await expect(world.cloudfront.distributions()).rejects.toMatchObject({
      code: 'AWS_NETWORK',
      message: expect.stringContaining('(ECONNREFUSED)') as unknown,
    })
  })

  it('never turns an unknown AWS error into a crash: it says which call failed', async () => {
    double.inject({ operation: 'ListKeyGroups', kind: 'error', status: 400, code: 'SomethingNew' })
    await expect(world.cloudfront.distributions()).rejects.toMatchObject({
      code: 'AWS_ERROR',
      message: expect.stringContaining('CloudFront refused ListKeyGroups (SomethingNew') as unknown,
    })
  })
})

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1))
    })
  })
}
