// Shared set-up for the CloudFront onboarding tests: the real services (AwsAccounts, KeyService,
// CloudFrontService) over a temp data dir, real RSA/ECDSA keys, SDK clients that talk HTTP to
// moto_server or the CloudFront double, and a distribution with a default behavior and two path
// behaviors created through the API. The keychain here is an in-memory map: these tests are about
// CloudFront; the real keychain is covered by tests/keychain and the e2e test.
import {
  CloudFrontClient,
  CreateDistributionCommand,
  GetDistributionConfigCommand,
  type CacheBehavior,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront'
import { mkdtempSync, rmSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AwsAccounts } from '../../../../src/core/aws/accounts.ts'
import { createAwsClientFactory, type AwsClientSettings } from '../../../../src/core/aws/clients.ts'
import type { Clock } from '../../../../src/core/clock.ts'
import { CloudFrontService } from '../../../../src/core/cloudfront/service.ts'
import type { Keychain } from '../../../../src/core/keychain/keychain.ts'
import { KeyService } from '../../../../src/core/keys/key-service.ts'
import { startMoto, type Moto } from '../../../harness/moto.ts'

export function memoryKeychain(): Keychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  return {
    entries,
    get: async (account) => entries.get(account) ?? null,
    set: async (account, secret) => {
      entries.set(account, secret)
    },
    delete: async (account) => entries.delete(account),
  }
}

export interface World {
  dataDir: string
  keychain: ReturnType<typeof memoryKeychain>
  keys: KeyService
  accounts: AwsAccounts
  cloudfront: CloudFrontService
  clock: Clock
  /** A fresh CloudFront service over the same data dir: what an app started again would build. */
  restart(): CloudFrontService
  close(): void
}

export function createWorld(settings: AwsClientSettings & { pollIntervalMs?: number } = {}): World {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-cf-'))
  const keychain = memoryKeychain()
  const clock: Clock = { now: () => Date.now() }
  const aws = createAwsClientFactory(settings)
  const keys = new KeyService({ dataDir, keychain, clock })
  const accounts = new AwsAccounts({ aws, dataDir, keychain, clock })
  const build = () =>
    new CloudFrontService({
      aws,
      accounts,
      keys,
      dataDir,
      clock,
      pollIntervalMs: settings.pollIntervalMs ?? 20,
    })
  return {
    dataDir,
    keychain,
    keys,
    accounts,
    cloudfront: build(),
    clock,
    restart: build,
    close: () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

/** A direct client for arranging and reading back (not Keyfront's). */
export function directClient(endpoint: string): CloudFrontClient {
  return new CloudFrontClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  })
}

const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6'

function behavior(pathPattern?: string): CacheBehavior {
  return {
    PathPattern: pathPattern,
    TargetOriginId: 'files',
    ViewerProtocolPolicy: pathPattern ? 'https-only' : 'redirect-to-https',
    CachePolicyId: CACHING_OPTIMIZED,
    Compress: pathPattern !== '/media/*',
    AllowedMethods: {
      Quantity: 3,
      Items: ['GET', 'HEAD', 'OPTIONS'],
      CachedMethods: { Quantity: 2, Items: ['GET', 'HEAD'] },
    },
  }
}

/** A distribution with a default behavior and two path behaviors ("/private/*", "/media/*"). */
export async function createTestDistribution(
  client: CloudFrontClient,
  comment = 'Test files',
): Promise<string> {
  const { PathPattern: _default, ...defaultBehavior } = behavior()
  const created = await client.send(
    new CreateDistributionCommand({
      DistributionConfig: {
        CallerReference: `test-${Date.now()}-${Math.random()}`,
        Comment: comment,
        Enabled: true,
        DefaultRootObject: 'index.html',
        PriceClass: 'PriceClass_100',
        Origins: {
          Quantity: 1,
          Items: [
            {
              Id: 'files',
              DomainName: 'files-bucket.s3.us-east-1.amazonaws.com',
              OriginPath: '/public',
              S3OriginConfig: { OriginAccessIdentity: '' },
              CustomHeaders: { Quantity: 1, Items: [{ HeaderName: 'X-From', HeaderValue: 'cf' }] },
            },
          ],
        },
        DefaultCacheBehavior: defaultBehavior,
        CacheBehaviors: { Quantity: 2, Items: [behavior('/private/*'), behavior('/media/*')] },
      },
    }),
  )
  return created.Distribution?.Id ?? ''
}

export async function readConfig(client: CloudFrontClient, id: string): Promise<DistributionConfig> {
  const result = await client.send(new GetDistributionConfigCommand({ Id: id }))
  return result.DistributionConfig ?? ({} as DistributionConfig)
}

/** Every path (a.b[2].c) where the two values differ, compared field by field. */
export function deepDiff(before: unknown, after: unknown, path = ''): string[] {
  if (Object.is(before, after)) return []
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null) {
    return [path || '(root)']
  }
  if (Array.isArray(before) !== Array.isArray(after)) return [path]
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].flatMap((key) =>
    deepDiff(
      (before as Record<string, unknown>)[key],
      (after as Record<string, unknown>)[key],
      Array.isArray(before) ? `${path}[${key}]` : path ? `${path}.${key}` : key,
    ),
  )
}

export interface MotoWorld {
  moto: Moto
  /** A fresh World for each test, over a reset moto_server. */
  world: World
  client(): CloudFrontClient
}

/** Starts moto_server for the test file (the SDK finds it through the environment) and resets it before each test. */
export function useMotoWorld(): MotoWorld {
  const ctx = { client: () => directClient(ctx.moto.endpoint) } as MotoWorld
  beforeAll(async () => {
    ctx.moto = await startMoto()
    Object.assign(process.env, ctx.moto.env)
  })
  afterAll(async () => {
    await ctx.moto.stop()
  })
  beforeEach(async () => {
    await ctx.moto.reset()
    ctx.world?.close()
    ctx.world = createWorld({ maxAttempts: 1 })
  })
  return ctx
}
