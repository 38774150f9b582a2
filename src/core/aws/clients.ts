// Creates AWS SDK clients for a profile. Credentials come from the SDK's default chain (env,
// shared config/credentials files incl. SSO, instance roles); endpoints honour
// AWS_ENDPOINT_URL_<SERVICE> so emulators (moto_server in tests) work without code changes.
import { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { fromNodeProviderChain } from '@aws-sdk/credential-providers'

export interface AwsClientOptions {
  /** Named profile from ~/.aws/config; undefined = the default chain (AWS_PROFILE honoured). */
  profile?: string
}

export interface AwsClientFactory {
  cloudFront(options?: AwsClientOptions): CloudFrontClient
}

export function createAwsClientFactory(): AwsClientFactory {
  const common = (options: AwsClientOptions = {}) => ({
    // CloudFront is a global service signed in us-east-1.
    region: 'us-east-1',
    credentials: fromNodeProviderChain(options.profile ? { profile: options.profile } : {}),
    maxAttempts: 4,
  })
  return {
    cloudFront: (options) => new CloudFrontClient(common(options)),
  }
}
