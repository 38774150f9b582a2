// What KMS answers besides a signature, injected by a recording proxy in front of moto_server (moto
// never refuses): access denied on each call (the message names the action and the key), a key
// disabled or pending deletion as KMS reports it at Sign, throttling that the retries absorb or
// that outlasts them (the batch stops, nothing recorded), and cancelling a batch.
import { KeyfrontError } from '../../../../src/shared/errors.ts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { awsErrorJson, startRecordingProxy, type RecordingProxy } from '../../../harness/recording-proxy.ts'
import { startMoto, type Moto } from '../../../harness/moto.ts'
import { createKmsWorld, type KmsWorld } from './kms-world.ts'

let moto: Moto
let proxy: RecordingProxy
let world: KmsWorld
/** The error a call failed with (the test fails if it did not). */
async function failure(call: Promise<unknown>): Promise<KeyfrontError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  )
  if (!(outcome instanceof KeyfrontError)) throw new Error('expected a KeyfrontError')
  return outcome
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600
const isCall = (operation: string) => (request: { target?: string }) =>
  request.target === `TrentService.${operation}`
const signCalls = () => proxy.requests.filter(isCall('Sign')).length

beforeAll(async () => {
  moto = await startMoto()
  proxy = await startRecordingProxy(moto.endpoint)
  Object.assign(process.env, moto.env, { AWS_ENDPOINT_URL_KMS: proxy.endpoint })
})
afterAll(async () => {
  world?.close()
  await proxy.close()
  await moto.stop()
})
beforeEach(async () => {
  await moto.reset()
  proxy.requests.length = 0
  proxy.faults.length = 0
  world?.close()
  // Three attempts a call, as the SDK's standard retry makes them (with its back-off).
  world = createKmsWorld({ maxAttempts: 3 })
})

async function teamKey(type: 'rsa' | 'ecdsa' = 'ecdsa') {
  const { key } = await world.kf.kmsKeys.create({ name: 'Team', type, region: 'us-east-1' })
  await world.kf.keys.setKeyPairId('Team', 'K2JCJMDEHXQW5F')
  return key
}

const urls = (n: number) =>
  Array.from({ length: n }, (_, i) => `https://d111111abcdef8.cloudfront.net/f${i}.pdf`)

describe('access denied names the action and the key', () => {
  it('on kms:Sign: nothing is signed or recorded', async () => {
    const key = await teamKey()
    proxy.faults.push((r) =>
      isCall('Sign')(r) ? awsErrorJson('AccessDeniedException', 'not allowed') : undefined,
    )
    const error = await failure(
      world.kf.links.sign({
        key: 'Team',
        url: 'https://d111111abcdef8.cloudfront.net/a',
        expiresAt: inAnHour(),
      }),
    )
    expect(error.code).toBe('AWS_ACCESS_DENIED')
    expect(error.message).toContain(`kms:Sign on ${key.kms?.arn}`)
    expect(world.kf.history.list({ limit: 10 }).entries).toEqual([])
  })

  it('on kms:GetPublicKey when a colleague adds the key: nothing is listed', async () => {
    const key = await teamKey()
    const colleague = createKmsWorld({ maxAttempts: 3 })
    try {
      proxy.faults.push((r) =>
        isCall('GetPublicKey')(r) ? awsErrorJson('AccessDeniedException', 'not allowed') : undefined,
      )
      const error = await failure(colleague.kf.kmsKeys.add({ name: 'Team', keyId: 'alias/keyfront/Team' }))
      expect(error.code).toBe('AWS_ACCESS_DENIED')
      expect(error.message).toContain(`kms:GetPublicKey on ${key.kms?.arn}`)
      expect(await colleague.kf.keys.list()).toEqual([])
    } finally {
      colleague.close()
    }
  })

  it('on kms:CreateKey: nothing is listed', async () => {
    proxy.faults.push((r) =>
      isCall('CreateKey')(r) ? awsErrorJson('AccessDeniedException', 'not allowed') : undefined,
    )
    const error = await failure(world.kf.kmsKeys.create({ name: 'Team', type: 'rsa', region: 'us-east-1' }))
    expect(error.code).toBe('AWS_ACCESS_DENIED')
    expect(error.message).toContain('kms:CreateKey')
    expect(await world.kf.keys.list()).toEqual([])
  })
})

describe('the state KMS reports when it refuses to sign', () => {
  it.each([
    ['DisabledException', 'arn is disabled.', 'KMS_KEY_DISABLED'],
    ['KMSInvalidStateException', 'arn is pending deletion.', 'KMS_KEY_PENDING_DELETION'],
  ])('%s → %s', async (type, message, code) => {
    await teamKey()
    proxy.faults.push((r) => (isCall('Sign')(r) ? awsErrorJson(type, message) : undefined))
    await expect(
      world.kf.links.sign({
        key: 'Team',
        url: 'https://d111111abcdef8.cloudfront.net/a',
        expiresAt: inAnHour(),
      }),
    ).rejects.toMatchObject({ code })
  })
})

describe('throttling', () => {
  it('is absorbed by backing off: the batch completes', async () => {
    await teamKey()
    let throttled = 0
    proxy.faults.push((r) =>
      isCall('Sign')(r) && throttled++ < 4 ? awsErrorJson('ThrottlingException', 'Rate exceeded') : undefined,
    )
    const result = await world.kf.links.signBatch({ key: 'Team', urls: urls(30), expiresAt: inAnHour() })
    expect(result.signedUrls).toHaveLength(30)
    expect(signCalls()).toBe(34)
    expect(world.kf.history.list({ limit: 100 }).entries).toHaveLength(30)
  })

  it('that outlasts the retries stops the batch, and nothing is recorded', async () => {
    await teamKey()
    proxy.faults.push((r) =>
      isCall('Sign')(r) ? awsErrorJson('ThrottlingException', 'Rate exceeded') : undefined,
    )
    const error = await failure(
      world.kf.links.signBatch({ key: 'Team', urls: urls(200), expiresAt: inAnHour() }),
    )
    expect(error.code).toBe('AWS_THROTTLED')
    expect(error.message).toMatch(/^Line \d+: .*KMS is limiting.*nothing was recorded/)
    // It stopped: at most one round of the 16 requests in flight, each tried three times.
    expect(signCalls()).toBeLessThanOrEqual(16 * 3)
    expect(world.kf.history.list({ limit: 10 }).entries).toEqual([])
  })
})

it('a batch can be cancelled: nothing is returned or recorded', async () => {
  await teamKey()
  const stop = new AbortController()
  const error = await failure(
    world.kf.links.signBatch(
      { key: 'Team', urls: urls(400), expiresAt: inAnHour() },
      { signal: stop.signal, onProgress: () => stop.abort() },
    ),
  )
  expect(error.code).toBe('CANCELLED')
  expect(signCalls()).toBeLessThan(400)
  expect(world.kf.history.list({ limit: 10 }).entries).toEqual([])
})
