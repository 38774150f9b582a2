// Shared set-up for the origin tests: moto_server behind a recording proxy, the SDK pointed at the
// proxy through the same AWS_ENDPOINT_URL_* variables users set, and direct S3/CloudFront clients
// for arranging buckets and reading back what Keyfront created.
import { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Keyfront } from '../../../../src/core/app.ts'
import { startMoto, type Moto } from '../../../harness/moto.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'
import { memoryKeychain } from '../cloudfront/world.ts'
import { startRecordingProxy, type RecordingProxy } from '../../../harness/recording-proxy.ts'

export interface OriginWorld {
  moto: Moto
  proxy: RecordingProxy
  /** Environment pointing Keyfront at the proxy (in front of moto). */
  env: Record<string, string>
  s3: (region?: string) => S3Client
  cf: CloudFrontClient
  /** The real core, wired as the app wires it (keys kept in memory: these tests are about AWS). */
  keyfront: Keyfront
  dataDir: string
  stop(): Promise<void>
}

export async function startOriginWorld(): Promise<OriginWorld> {
  const moto = await startMoto()
  const proxy = await startRecordingProxy(moto.endpoint)
  const env = {
    ...moto.env,
    AWS_ENDPOINT_URL_S3: proxy.endpoint,
    AWS_ENDPOINT_URL_CLOUDFRONT: proxy.endpoint,
    AWS_ENDPOINT_URL_STS: proxy.endpoint,
  }
  Object.assign(process.env, env)
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
  const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-origin-'))
  const keyfront = createTestKeyfront({ dataDir, keychain: memoryKeychain(), source: 'cli' })
  return {
    keyfront,
    dataDir,
    moto,
    proxy,
    env,
    s3: (region = 'us-east-1') =>
      new S3Client({ region, endpoint: moto.endpoint, forcePathStyle: true, credentials }),
    cf: new CloudFrontClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials }),
    async stop() {
      keyfront.close()
      rmSync(dataDir, { recursive: true, force: true })
      await proxy.close()
      await moto.stop()
    },
  }
}

export interface BucketSetup {
  region?: string
  policy?: string
  encryption?: { algorithm: 'AES256' | 'aws:kms'; kmsKeyId?: string }
  blockPublicAccess?: boolean
}

export async function makeBucket(
  world: Pick<OriginWorld, 's3'>,
  name: string,
  setup: BucketSetup = {},
): Promise<void> {
  const region = setup.region ?? 'us-east-1'
  const s3 = world.s3(region)
  await s3.send(
    new CreateBucketCommand({
      Bucket: name,
      CreateBucketConfiguration:
        region === 'us-east-1' ? undefined : { LocationConstraint: region as 'eu-west-1' },
    }),
  )
  if (setup.policy) await s3.send(new PutBucketPolicyCommand({ Bucket: name, Policy: setup.policy }))
  if (setup.encryption) {
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: name,
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: setup.encryption.algorithm,
                KMSMasterKeyID: setup.encryption.kmsKeyId,
              },
            },
          ],
        },
      }),
    )
  }
  if (setup.blockPublicAccess) {
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: name,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    )
  }
}

/** A pretty-printed policy with statements another team wrote, to be kept byte for byte. */
export function existingPolicy(bucket: string): string {
  return `{
    "Version": "2012-10-17",
    "Id": "TeamPolicy",
    "Statement": [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": ["arn:aws:s3:::${bucket}", "arn:aws:s3:::${bucket}/*"],
            "Condition": { "Bool": { "aws:SecureTransport": "false" } }
        },
        {"Sid":"BackupRole","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/backup"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::${bucket}","arn:aws:s3:::${bucket}/*"]}
    ]
}`
}
