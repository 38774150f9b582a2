// Which message Keyfront sends kms:Sign: the policy itself (RAW) up to 4,096 bytes, its SHA-256
// (DIGEST) beyond — checked on the requests a KMS double recorded (moto's DIGEST mode is wrong),
// and either way the signature verifies over the policy with OpenSSL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { digestOf, startKmsDouble, type KmsDouble } from './kms-double.ts'
import { createKmsWorld, opensslVerifies, signedParts, urlParts, type KmsWorld } from './kms-world.ts'

let double: KmsDouble
let world: KmsWorld
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600

beforeAll(async () => {
  double = await startKmsDouble()
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_KMS: double.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  })
})
afterAll(async () => {
  world?.close()
  await double.close()
})
beforeEach(async () => {
  double.signs.length = 0
  world?.close()
  world = createKmsWorld()
  await world.kf.kmsKeys.add({ name: 'Team', keyId: double.arn })
  await world.kf.keys.setKeyPairId('Team', 'K2JCJMDEHXQW5F')
})

describe('kms:Sign message type', () => {
  it('sends a policy of up to 4,096 bytes as it is (RAW)', async () => {
    const signed = await world.kf.links.sign({
      key: 'Team',
      url: 'https://d111111abcdef8.cloudfront.net/a.pdf',
      expiresAt: inAnHour(),
    })
    const parts = urlParts(signed.signedUrl ?? '')
    expect(double.signs).toEqual([
      expect.objectContaining({
        KeyId: double.arn,
        MessageType: 'RAW',
        Message: parts.policy.toString('base64'),
        SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
      }),
    ])
    expect(opensslVerifies(double.publicKey, parts.policy, parts.signature)).toBe(true)
  })

  it('sends the SHA-256 of a longer policy (DIGEST), and the signature is the same kind', async () => {
    // A canned policy carries the URL: a path of 4,200 bytes makes it longer than KMS takes RAW.
    const url = `https://d111111abcdef8.cloudfront.net/${'a'.repeat(4200)}.pdf`
    const signed = await world.kf.links.sign({ key: 'Team', url, expiresAt: inAnHour() })
    const parts = urlParts(signed.signedUrl ?? '')
    expect(parts.policy.length).toBeGreaterThan(4096)
    expect(double.signs).toEqual([
      expect.objectContaining({ MessageType: 'DIGEST', Message: digestOf(parts.policy) }),
    ])
    expect(opensslVerifies(double.publicKey, parts.policy, parts.signature)).toBe(true)
  })

  it('sends a long custom policy of signed cookies as its digest too', async () => {
    const signed = await world.kf.links.sign({
      key: 'Team',
      url: `https://d111111abcdef8.cloudfront.net/${'b'.repeat(4100)}/*`,
      expiresAt: inAnHour(),
      ipAddress: '198.51.100.0/24',
      cookies: true,
    })
    const cookies = Object.fromEntries(
      (signed.cookies ?? []).map((c) => [c.name.replace('CloudFront-', ''), c.value]),
    )
    const parts = signedParts(cookies, '')
    expect(double.signs.map((s) => s.MessageType)).toEqual(['DIGEST'])
    expect(double.signs[0]?.Message).toBe(digestOf(parts.policy))
    expect(opensslVerifies(double.publicKey, parts.policy, parts.signature)).toBe(true)
  })
})
