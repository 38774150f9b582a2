// Shared set-up for the KMS tests: the whole core (createKeyfront) over a temp data folder and an
// in-memory keychain that counts what is stored, real SDK clients that talk HTTP to moto_server's
// KMS and CloudFront (or to a proxy in front of it), and checks that verify a signature the way
// CloudFront does — with the key's public key from KMS itself and with OpenSSL.
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { execFileSync } from 'node:child_process'
import { createPublicKey, type KeyObject } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { createKeyfront, type Keyfront } from '../../../../src/core/app.ts'
import { createAwsClientFactory, type AwsClientSettings } from '../../../../src/core/aws/clients.ts'
import { fromUrlSafeBase64 } from '../../../../src/core/signing/policy.ts'
import { startMoto, type Moto } from '../../../harness/moto.ts'
import { memoryKeychain } from '../cloudfront/world.ts'

export interface KmsWorld {
  dataDir: string
  keychain: ReturnType<typeof memoryKeychain>
  kf: Keyfront
  close(): void
}

export function createKmsWorld(settings: AwsClientSettings = {}): KmsWorld {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-kms-'))
  const keychain = memoryKeychain()
  const kf = createKeyfront({
    dataDir,
    keychain,
    aws: createAwsClientFactory({ maxAttempts: 1, ...settings }),
    clock: { now: () => Date.now() },
    source: 'cli',
    version: '0.0.0-test',
  })
  return {
    dataDir,
    keychain,
    kf,
    close: () => {
      kf.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface KmsMoto {
  moto: Moto
  world: KmsWorld
  /** A client of our own, for arranging and reading back. */
  kms(): KMSClient
}

/** moto_server for the file (the SDK finds it through the environment), reset before each test. */
export function useKmsMoto(): KmsMoto {
  const ctx = {} as KmsMoto
  beforeAll(async () => {
    ctx.moto = await startMoto()
    Object.assign(process.env, ctx.moto.env)
    ctx.kms = () =>
      new KMSClient({
        region: 'us-east-1',
        endpoint: ctx.moto.endpoint,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      })
  })
  afterAll(async () => {
    ctx.world?.close()
    await ctx.moto.stop()
  })
  beforeEach(async () => {
    await ctx.moto.reset()
    ctx.world?.close()
    ctx.world = createKmsWorld()
  })
  return ctx
}

/** The key's public key as KMS itself gives it. */
export async function kmsPublicKey(client: KMSClient, keyId: string): Promise<KeyObject> {
  const answer = await client.send(new GetPublicKeyCommand({ KeyId: keyId }))
  return createPublicKey({ key: Buffer.from(answer.PublicKey ?? []), format: 'der', type: 'spki' })
}

/** What CloudFront checks the signature against: the Policy parameter, or the canned policy. */
export function signedParts(fields: Record<string, string | undefined>, resource: string) {
  const signature = fromUrlSafeBase64(fields.Signature ?? '')
  const policy = fields.Policy
    ? fromUrlSafeBase64(fields.Policy)
    : Buffer.from(
        `{"Statement":[{"Resource":${JSON.stringify(resource)},"Condition":{"DateLessThan":{"AWS:EpochTime":${fields.Expires}}}}]}`,
      )
  if (!signature || !policy) throw new Error('no signature or policy in the signed link')
  return { policy, signature }
}

/** The signed URL's parts (the resource is what comes before the signing parameters). */
export function urlParts(signedUrl: string) {
  const at = signedUrl.search(/[?&](?:Expires|Policy)=/)
  const resource = signedUrl.slice(0, at)
  const query = new URLSearchParams(signedUrl.slice(at + 1))
  return {
    resource,
    hashAlgorithm: query.get('Hash-Algorithm'),
    keyPairId: query.get('Key-Pair-Id'),
    ...signedParts(Object.fromEntries(query.entries()), resource),
  }
}

/** `openssl dgst -sha256 -verify`: an implementation other than Node's checks the signature. */
export function opensslVerifies(publicKey: KeyObject, policy: Buffer, signature: Buffer): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'keyfront-verify-'))
  try {
    writeFileSync(join(dir, 'pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }))
    writeFileSync(join(dir, 'policy'), policy)
    writeFileSync(join(dir, 'sig'), signature)
    const out = execFileSync(
      'openssl',
      [
        'dgst',
        '-sha256',
        '-verify',
        join(dir, 'pub.pem'),
        '-signature',
        join(dir, 'sig'),
        join(dir, 'policy'),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
    return out.trim() === 'Verified OK'
  } catch {
    return false
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
