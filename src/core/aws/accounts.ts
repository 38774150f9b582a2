// Which AWS identity Keyfront acts as: the profiles the user has (shared config files, SSO
// included, plus access keys added in Keyfront), the credentials for a chosen profile, and who that
// is (STS GetCallerIdentity). Every AWS call of the app goes through clientOptions().
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { AwsProfile, AwsProfiles, CallerIdentity } from '../../shared/contract/cloudfront.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { Clock } from '../clock.ts'
import type { Keychain } from '../keychain/keychain.ts'
import { AccessKeyStore, type StoredAccessKey } from './access-keys.ts'
import type { AwsClientFactory, AwsClientOptions } from './clients.ts'
import { awsError } from './errors.ts'
import { defaultProfileName, readSharedProfiles } from './profiles.ts'

export interface AwsAccountsDeps {
  aws: AwsClientFactory
  dataDir: string
  keychain: Keychain
  clock: Clock
  /** Where AWS_PROFILE and env credentials are read (the SDK reads process.env itself). */
  env?: NodeJS.ProcessEnv
}

export interface NewAccessKey {
  name: string
  accessKeyId: string
  secretAccessKey: string
  region?: string
}

export class AwsAccounts {
  readonly #aws: AwsClientFactory
  readonly #store: AccessKeyStore
  readonly #clock: Clock
  readonly #env: NodeJS.ProcessEnv

  constructor(deps: AwsAccountsDeps) {
    this.#aws = deps.aws
    this.#store = new AccessKeyStore(deps.dataDir, deps.keychain)
    this.#clock = deps.clock
    this.#env = deps.env ?? process.env
  }

  async profiles(): Promise<AwsProfiles> {
    const shared = await readSharedProfiles()
    const stored = (await this.#store.list()).map(storedProfile)
    const profiles = [...shared, ...stored]
    const result: AwsProfiles = {
      profiles,
      environmentCredentials: Boolean(this.#env.AWS_ACCESS_KEY_ID && this.#env.AWS_SECRET_ACCESS_KEY),
    }
    const defaultProfile = defaultProfileName(profiles, this.#env)
    if (defaultProfile) result.defaultProfile = defaultProfile
    return result
  }

  /**
   * SDK client options for a profile. undefined = the SDK's default chain (environment, AWS_PROFILE,
   * "default", SSO, instance roles) — unless AWS_PROFILE names an access key added in Keyfront.
   */
  async clientOptions(profile?: string): Promise<AwsClientOptions> {
    const name = profile ?? this.#env.AWS_PROFILE
    if (name === undefined) return {}
    const stored = (await this.#store.list()).find((entry) => entry.name === name)
    if (stored) {
      return {
        credentials: async () => ({
          accessKeyId: stored.accessKeyId,
          secretAccessKey: await this.#store.secret(stored.name),
        }),
      }
    }
    if (!(await readSharedProfiles()).some((shared) => shared.name === name)) {
      const where =
        profile === undefined
          ? `AWS_PROFILE names "${name}", but there is no such profile`
          : `There is no AWS profile named "${name}"`
      throw new KeyfrontError(
        'AWS_PROFILE_NOT_FOUND',
        `${where} in ~/.aws/config, ~/.aws/credentials or Keyfront. Check the name, or create it with \`aws configure --profile ${name}\`.`,
      )
    }
    // The SDK itself honours AWS_PROFILE; only a profile picked here is passed on.
    return profile === undefined ? {} : { profile }
  }

  async whoami(profile?: string): Promise<CallerIdentity> {
    const sts = this.#aws.sts(await this.clientOptions(profile))
    try {
      const identity = await sts.send(new GetCallerIdentityCommand({}))
      const result: CallerIdentity = {
        accountId: identity.Account ?? '',
        arn: identity.Arn ?? '',
        userId: identity.UserId ?? '',
      }
      if (profile) result.profile = profile
      return result
    } catch (error) {
      throw awsError(error, { service: 'STS', operation: 'GetCallerIdentity', profile })
    } finally {
      sts.destroy()
    }
  }

  async addAccessKey(key: NewAccessKey): Promise<AwsProfile> {
    if ((await readSharedProfiles()).some((shared) => shared.name === key.name)) {
      throw new KeyfrontError(
        'AWS_PROFILE_NAME_TAKEN',
        `Your AWS config already has a profile named "${key.name}". Choose another name for this access key.`,
      )
    }
    const entry: StoredAccessKey = {
      name: key.name,
      accessKeyId: key.accessKeyId,
      addedAt: this.#clock.now(),
    }
    if (key.region) entry.region = key.region
    await this.#store.add(entry, key.secretAccessKey)
    return storedProfile(entry)
  }

  async removeAccessKey(name: string): Promise<void> {
    if (!(await this.#store.remove(name))) {
      throw new KeyfrontError('AWS_PROFILE_NOT_FOUND', `Keyfront has no access key named "${name}".`)
    }
  }
}

function storedProfile(entry: StoredAccessKey): AwsProfile {
  const profile: AwsProfile = { name: entry.name, kind: 'keychain', source: 'keyfront' }
  if (entry.region) profile.region = entry.region
  return profile
}
