// One KMS key as CloudFront needs it: found by ARN, alias or id, in a usable state, of a spec and
// usage CloudFront accepts, with its public key. The checks are made with DescribeKey before any
// Sign, so a disabled key or one pending deletion gets its own message before a batch starts.
import {
  DescribeKeyCommand,
  GetPublicKeyCommand,
  SignCommand,
  type KMSClient,
  type KeySpec,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms'
import { createHash } from 'node:crypto'
import type { KeyType, KmsKeyRef } from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { RemoteSign } from '../keys/signing-key.ts'
import { disabled, kmsError, pendingDeletion } from './errors.ts'

/** The KeySpec CloudFront accepts for each key type, and the algorithm KMS signs it with. */
export const KMS_KEY_SPECS: Record<KeyType, { spec: KeySpec; algorithm: SigningAlgorithmSpec }> = {
  rsa: { spec: 'RSA_2048', algorithm: 'RSASSA_PKCS1_V1_5_SHA_256' },
  ecdsa: { spec: 'ECC_NIST_P256', algorithm: 'ECDSA_SHA_256' },
}

/** KMS takes a RAW message of at most this many bytes; longer policies are sent as their SHA-256. */
export const KMS_RAW_MAX_BYTES = 4096

export interface KmsKeyFacts {
  arn: string
  type: KeyType
  /** SPKI DER. */
  publicKey: Buffer
}

/** The region an ARN names (`arn:aws:kms:REGION:ACCOUNT:key/ID`), or undefined for an alias or id. */
export function regionOfArn(keyId: string): string | undefined {
  const match = /^arn:aws[\w-]*:kms:([a-z0-9-]+):\d{12}:(?:key|alias)\//.exec(keyId)
  return match?.[1]
}

/** The key's ARN, type and public key, after checking CloudFront can use it and it can sign now. */
export async function describeForCloudFront(
  client: KMSClient,
  keyId: string,
  where: { region: string; profile?: string | undefined },
): Promise<KmsKeyFacts> {
  const context = { keyId, ...where }
  const described = await client
    .send(new DescribeKeyCommand({ KeyId: keyId }))
    .catch((error: unknown) => Promise.reject(kmsError(error, { ...context, operation: 'DescribeKey' })))
  const meta = described.KeyMetadata
  const arn = meta?.Arn ?? keyId
  const spec = meta?.KeySpec ?? meta?.CustomerMasterKeySpec
  const type = (Object.keys(KMS_KEY_SPECS) as KeyType[]).find((t) => KMS_KEY_SPECS[t].spec === spec)
  if (meta?.KeyUsage !== 'SIGN_VERIFY' || type === undefined) {
    throw new KeyfrontError(
      'KMS_KEY_UNSUITABLE',
      `${arn} is a ${spec ?? 'unknown'} key for ${meta?.KeyUsage ?? 'unknown use'}; CloudFront can only check signatures of an RSA_2048 or ECC_NIST_P256 key made for SIGN_VERIFY. Create a key for Keyfront with "keyfront keys create --kms", or choose such a key.`,
    )
  }
  checkState(arn, meta.KeyState)
  const answer = await client
    .send(new GetPublicKeyCommand({ KeyId: arn }))
    .catch((error: unknown) =>
      Promise.reject(kmsError(error, { ...context, keyId: arn, operation: 'GetPublicKey' })),
    )
  if (!answer.PublicKey) throw new KeyfrontError('AWS_ERROR', `KMS returned no public key for ${arn}.`)
  return { arn, type, publicKey: Buffer.from(answer.PublicKey) }
}

function checkState(arn: string, state: string | undefined): void {
  if (state === 'Disabled') throw disabled(arn)
  if (state === 'PendingDeletion' || state === 'PendingReplicaDeletion') throw pendingDeletion(arn)
  if (state !== undefined && state !== 'Enabled') {
    throw new KeyfrontError(
      'KMS_KEY_DISABLED',
      `The KMS key ${arn} is ${state}, so it cannot sign now. Ask whoever manages it to make it Enabled.`,
    )
  }
}

/**
 * kms:Sign for a recorded key: the policy itself (RAW) when KMS takes it whole, else its SHA-256
 * (DIGEST) — the same signature either way, since KMS hashes a RAW message with SHA-256 too.
 */
export function kmsRemoteSign(client: KMSClient, ref: KmsKeyRef, type: KeyType): RemoteSign {
  const { algorithm } = KMS_KEY_SPECS[type]
  return async (policy, signal) => {
    const raw = policy.length <= KMS_RAW_MAX_BYTES
    const message = raw ? policy : createHash('sha256').update(policy).digest()
    const answer = await client
      .send(
        new SignCommand({
          KeyId: ref.arn,
          Message: message,
          MessageType: raw ? 'RAW' : 'DIGEST',
          SigningAlgorithm: algorithm,
        }),
        { abortSignal: signal },
      )
      .catch((error: unknown) =>
        Promise.reject(
          kmsError(error, { operation: 'Sign', keyId: ref.arn, region: ref.region, profile: ref.profile }),
        ),
      )
    if (!answer.Signature) throw new KeyfrontError('AWS_ERROR', `KMS returned no signature for ${ref.arn}.`)
    return Buffer.from(answer.Signature)
  }
}
