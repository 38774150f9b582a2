// Creates AWS SDK clients for a profile. Credentials come from the SDK's default chain (env,
// shared config/credentials files incl. SSO, instance roles) or, for an access key the user added
// in Keyfront, from a provider that reads the keychain. Endpoints honour AWS_ENDPOINT_URL_<SERVICE>
// (the SDK reads them itself), so emulators (moto_server in tests) work without code changes.
import { CloudFrontClient, type CloudFrontClientConfig } from '@aws-sdk/client-cloudfront'
import { KMSClient } from '@aws-sdk/client-kms'
import { S3Client } from '@aws-sdk/client-s3'
import { STSClient } from '@aws-sdk/client-sts'
import { fromNodeProviderChain } from '@aws-sdk/credential-providers'

export interface AwsClientOptions {
  /** Named profile from ~/.aws/config; undefined = the default chain (AWS_PROFILE honoured). */
  profile?: string
  /** Explicit credentials (an access key kept in the keychain); wins over `profile`. */
  credentials?: CloudFrontClientConfig['credentials']
}

export interface AwsClientFactory {
  cloudFront(options?: AwsClientOptions): CloudFrontClient
  sts(options?: AwsClientOptions): STSClient
  /** S3 in the bucket's region (us-east-1 when not given). */
  s3(options?: AwsClientOptions, region?: string): S3Client
  /** KMS in the key's region (a KMS key lives in exactly one). */
  kms(options: AwsClientOptions, region: string): KMSClient
}

export interface AwsClientSettings {
  /** Attempts per call including the first (the SDK's standard retry mode: throttling, 5xx, network). */
  maxAttempts?: number
  /** Gives up on one HTTP attempt after this long (the SDK then retries it). */
  requestTimeoutMs?: number
  /** The environment the SDK reads (endpoints, credentials); only used here to pick S3's addressing. */
  env?: NodeJS.ProcessEnv
}

export function createAwsClientFactory(settings: AwsClientSettings = {}): AwsClientFactory {
  const env = settings.env ?? process.env
  const common = (options: AwsClientOptions = {}, region = 'us-east-1') => ({
    region,
    credentials:
      options.credentials ?? fromNodeProviderChain(options.profile ? { profile: options.profile } : {}),
    maxAttempts: settings.maxAttempts ?? 4,
    requestHandler: {
      connectionTimeout: 10_000,
      requestTimeout: settings.requestTimeoutMs ?? 30_000,
      // Without this the SDK only logs a warning and keeps waiting on a hung connection.
      throwOnRequestTimeout: true,
    },
  })
  return {
    // CloudFront is a global service signed in us-east-1.
    cloudFront: (options) => new CloudFrontClient(common(options)),
    sts: (options) => new STSClient(common(options)),
    kms: (options, region) => new KMSClient(common(options, region)),
    // Emulators and S3-compatible endpoints do not resolve bucket subdomains: use path-style there.
    s3: (options, region) =>
      new S3Client({
        ...common(options, region),
        forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL),
      }),
  }
}
