// How the local services sign with a KMS key: loaded only when one is used, so commands that never
// meet a KMS key never load the AWS SDK. Credentials come from the key's recorded profile, as for
// every AWS call (an access key added in Keyfront included).
import type { KeyType, KmsKeyRef } from '../../shared/contract/keys.ts'
import { AwsAccounts } from '../aws/accounts.ts'
import { createAwsClientFactory, type AwsClientFactory } from '../aws/clients.ts'
import type { Clock } from '../clock.ts'
import type { Keychain } from '../keychain/keychain.ts'
import type { RemoteSign } from '../keys/signing-key.ts'
import { describeForCloudFront, kmsRemoteSign } from './kms-key.ts'

export interface KmsSigningDeps {
  aws?: AwsClientFactory | undefined
  dataDir: string
  keychain: Keychain
  clock: Clock
}

/** Checks the key can sign now (enabled, not pending deletion), then signs with it. */
export async function kmsSignerFor(deps: KmsSigningDeps, ref: KmsKeyRef, type: KeyType): Promise<RemoteSign> {
  const aws = deps.aws ?? createAwsClientFactory()
  const accounts = new AwsAccounts({ ...deps, aws })
  const client = aws.kms(await accounts.clientOptions(ref.profile), ref.region)
  await describeForCloudFront(client, ref.arn, ref)
  return kmsRemoteSign(client, ref, type)
}
