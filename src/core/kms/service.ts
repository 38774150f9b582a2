// Team keys held by AWS KMS: create one (an asymmetric signing key with an alias, a description and
// tags saying what it is for), add one a colleague made (by ARN or alias), and schedule its deletion
// in KMS — a separate, explicit step: removing a key from Keyfront only forgets it here. A key's
// Key-Pair-Id is found by its public key among the account's CloudFront public keys, so a colleague
// who adds a key already uploaded can sign at once.
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  ScheduleKeyDeletionCommand,
  type KeyMetadata,
  type KMSClient,
} from '@aws-sdk/client-kms'
import type { KeySummary, KeyType, KmsDeletionScheduled, KmsKeyAdded } from '../../shared/contract/keys.ts'
import { KeyfrontError, isKeyfrontError } from '../../shared/errors.ts'
import type { AwsAccounts } from '../aws/accounts.ts'
import type { AwsClientFactory } from '../aws/clients.ts'
import type { CloudFrontService } from '../cloudfront/service.ts'
import type { KeyService, MakeKmsKey } from '../keys/key-service.ts'
import { kmsError } from './errors.ts'
import { describeForCloudFront, KMS_KEY_SPECS, regionOfArn } from './kms-key.ts'

export interface KmsKeyServiceDeps {
  aws: AwsClientFactory
  accounts: AwsAccounts
  keys: KeyService
  cloudfront: Pick<CloudFrontService, 'publicKeys'>
  env?: NodeJS.ProcessEnv
}

export interface KmsWhere {
  profile?: string | undefined
  region?: string | undefined
}

/** KMS's own bounds for ScheduleKeyDeletion's waiting period. */
export const KMS_DELETION_DAYS = { min: 7, max: 30, default: 30 } as const

export class KmsKeyService {
  readonly #deps: KmsKeyServiceDeps

  constructor(deps: KmsKeyServiceDeps) {
    this.#deps = deps
  }

  async create(request: KmsWhere & { name: string; type: KeyType }): Promise<KmsKeyAdded> {
    const name = await this.#deps.keys.checkNewName(request.name)
    const region = this.#region(request.region)
    const where = { region, profile: request.profile }
    const client = await this.#client(where)
    const alias = aliasOf(name)
    if (await keyUnderAlias(client, alias, where)) throw aliasTaken(alias, where.region)
    const warnings: string[] = []
    const keyId = await makeKey(client, { name, type: request.type, alias, where }, (warning) =>
      warnings.push(warning),
    )
    return this.#list(client, name, keyId, where, warnings)
  }

  /**
   * The replacement of a KMS key, made in KMS (KeyService.createReplacement lists it). A key
   * already under the new name's alias, of the type asked for, is taken instead of making one: a
   * run that failed after CreateKey, before the replacement was recorded, left it there, and a
   * second key would only cost money and confuse the team.
   */
  readonly makeReplacement: MakeKmsKey = async (request) => {
    const where = { region: request.region, profile: request.profile }
    const client = await this.#client(where)
    const alias = aliasOf(request.name)
    const there = await keyUnderAlias(client, alias, where)
    if (there && (there.KeyUsage !== 'SIGN_VERIFY' || there.KeySpec !== KMS_KEY_SPECS[request.type].spec)) {
      throw aliasTaken(alias, where.region)
    }
    // Without its alias, a key made here is still recorded below; only a failure between the two
    // would then leave a key a re-run cannot find, so a missing alias does not stop the rotation.
    const keyId = there?.Arn ?? (await makeKey(client, { ...request, alias, where }, () => undefined))
    const facts = await describeForCloudFront(client, keyId, where)
    return { arn: facts.arn, publicKeyDer: facts.publicKey }
  }

  async add(request: KmsWhere & { name: string; keyId: string }): Promise<KmsKeyAdded> {
    const name = await this.#deps.keys.checkNewName(request.name)
    const keyId = request.keyId.trim()
    if (!keyId) {
      throw new KeyfrontError(
        'INVALID_INPUT',
        'Give the KMS key: its ARN (arn:aws:kms:REGION:ACCOUNT:key/…) or its alias (alias/…).',
      )
    }
    const inArn = regionOfArn(keyId)
    if (inArn && request.region && request.region !== inArn) {
      throw new KeyfrontError(
        'INVALID_INPUT',
        `The ARN names a key in ${inArn}, but the region given is ${request.region}. A KMS key lives in one region: leave the region out, or give ${inArn}.`,
      )
    }
    const where = { region: inArn ?? this.#region(request.region), profile: request.profile }
    return this.#list(await this.#client(where), name, keyId, where, [])
  }

  /** Schedules the deletion in KMS (the key stays listed until removed from Keyfront). */
  async scheduleDeletion(
    ref: string,
    days: number = KMS_DELETION_DAYS.default,
  ): Promise<KmsDeletionScheduled> {
    const key = await this.#deps.keys.find(ref)
    if (!key.kms) {
      throw new KeyfrontError(
        'KMS_KEY_NOT_IN_KMS',
        `"${key.name}" is kept in this computer's keychain, not in AWS KMS. To delete it, use "keyfront keys delete".`,
      )
    }
    if (!Number.isInteger(days) || days < KMS_DELETION_DAYS.min || days > KMS_DELETION_DAYS.max) {
      throw new KeyfrontError(
        'INVALID_INPUT',
        `KMS waits ${KMS_DELETION_DAYS.min} to ${KMS_DELETION_DAYS.max} days before deleting a key; give a whole number of days in that range.`,
      )
    }
    const { arn, region, profile } = key.kms
    const client = await this.#client({ region, profile })
    // KMS schedules deletion only for a key of the caller's own account, where the key id names it.
    const answer = await client
      .send(new ScheduleKeyDeletionCommand({ KeyId: keyIdOfArn(arn), PendingWindowInDays: days }))
      .catch((error: unknown) =>
        Promise.reject(kmsError(error, { keyId: arn, region, profile, operation: 'ScheduleKeyDeletion' })),
      )
    const profileFlag = profile ? ` --profile ${profile}` : ''
    return {
      name: key.name,
      arn,
      deletionDate: answer.DeletionDate
        ? new Date(answer.DeletionDate).getTime()
        : Date.now() + days * 86_400_000,
      cancelCommand: `aws kms cancel-key-deletion --key-id ${arn} --region ${region}${profileFlag} && aws kms enable-key --key-id ${arn} --region ${region}${profileFlag}`,
    }
  }

  /** Reads the key, lists it, and records its Key-Pair-Id when CloudFront has its public key. */
  async #list(
    client: KMSClient,
    name: string,
    keyId: string,
    where: { region: string; profile?: string | undefined },
    warnings: string[],
  ): Promise<KmsKeyAdded> {
    const facts = await describeForCloudFront(client, keyId, where)
    let key = await this.#deps.keys.addKms({
      name,
      kms: {
        arn: facts.arn,
        region: where.region,
        ...(where.profile !== undefined && { profile: where.profile }),
      },
      publicKeyDer: facts.publicKey,
    })
    key = await this.#matchUploaded(key, where.profile, warnings)
    return { key, warnings }
  }

  async #matchUploaded(
    key: KeySummary,
    profile: string | undefined,
    warnings: string[],
  ): Promise<KeySummary> {
    try {
      const uploaded = (await this.#deps.cloudfront.publicKeys(profile)).find(
        (info) => info.heldKey?.id === key.id,
      )
      return uploaded ? await this.#deps.keys.recordUpload(key.id, { keyPairId: uploaded.id }) : key
    } catch (error) {
      if (!isKeyfrontError(error)) throw error
      warnings.push(
        `Keyfront could not look for this key among CloudFront's public keys (${error.message}). Upload it to CloudFront, or enter the ID CloudFront gave it, before making links.`,
      )
      return key
    }
  }

  async #client(where: { region: string; profile?: string | undefined }): Promise<KMSClient> {
    return this.#deps.aws.kms(await this.#deps.accounts.clientOptions(where.profile), where.region)
  }

  #region(given: string | undefined): string {
    const env = this.#deps.env ?? process.env
    const region = given?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION
    if (!region || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
      throw new KeyfrontError(
        'INVALID_INPUT',
        region
          ? `"${region}" is not an AWS region name; give one like eu-west-1.`
          : 'Say which AWS region the KMS key is in (--region, like eu-west-1), or set AWS_REGION.',
      )
    }
    return region
  }
}

/** The key id at the end of a key ARN (`…:key/ID`). */
function keyIdOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1)
}

/** KMS alias names take letters, digits, `/`, `_` and `-`. */
function aliasPart(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 200) || 'key'
  )
}

/** The alias Keyfront gives the KMS key it makes for `name`. */
function aliasOf(name: string): string {
  return `alias/keyfront/${aliasPart(name)}`
}

/** CreateKey for CloudFront signing (description and tags say what it is for), then its alias. */
async function makeKey(
  client: KMSClient,
  request: {
    name: string
    type: KeyType
    alias: string
    where: { region: string; profile?: string | undefined }
  },
  warn: (warning: string) => void,
): Promise<string> {
  const { name, alias, where } = request
  const created = await client
    .send(
      new CreateKeyCommand({
        KeySpec: KMS_KEY_SPECS[request.type].spec,
        KeyUsage: 'SIGN_VERIFY',
        Description: `Keyfront: signs Amazon CloudFront links ("${name}")`,
        Tags: [
          { TagKey: 'keyfront:purpose', TagValue: 'cloudfront-signed-links' },
          { TagKey: 'keyfront:name', TagValue: name.slice(0, 256) },
        ],
      }),
    )
    .catch((error: unknown) => Promise.reject(kmsError(error, { ...where, operation: 'CreateKey' })))
  const keyId = created.KeyMetadata?.Arn ?? created.KeyMetadata?.KeyId ?? ''
  await client
    .send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId }))
    .catch((error: unknown) => {
      // The key exists and is listed either way: an alias only makes it easier to name.
      warn(
        `The key was made without its alias ${alias}: ${kmsError(error, { ...where, keyId, operation: 'CreateAlias' }).message}`,
      )
    })
  return keyId
}

/** The key an alias names in KMS, or undefined when there is none. */
async function keyUnderAlias(
  client: KMSClient,
  alias: string,
  where: { region: string; profile?: string | undefined },
): Promise<KeyMetadata | undefined> {
  try {
    return (await client.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFoundException') return undefined
    throw kmsError(error, { ...where, keyId: alias, operation: 'DescribeKey' })
  }
}

/** Refused before creating a key that could not get its alias (no key is left without a name). */
function aliasTaken(alias: string, region: string): KeyfrontError {
  return new KeyfrontError(
    'KEY_NAME_TAKEN',
    `AWS KMS already has a key named ${alias} in ${region}. If a colleague made it, add it with "keyfront keys add-kms --kms-key ${alias}"; otherwise choose another name.`,
  )
}
