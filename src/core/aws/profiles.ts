// Reads the AWS profiles a user already has: ~/.aws/config and ~/.aws/credentials (or the files
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE name), the same files the AWS CLI and SDK read.
// Only names and kinds leave this module — never a secret from the credentials file.
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader'
import type { AwsProfile } from '../../shared/contract/cloudfront.ts'

type Section = Record<string, string | undefined>

/** Sections of ~/.aws/config that are not profiles (the loader keys them "<prefix>.<name>"). */
const NON_PROFILE_PREFIXES = ['sso-session.', 'services.']

export async function readSharedProfiles(): Promise<AwsProfile[]> {
  // ignoreCache: the user may run `aws configure` while Keyfront is open.
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true })
  const sessions = new Map<string, Section>()
  const merged = new Map<string, Section>()
  for (const [key, section] of Object.entries(configFile)) {
    if (key.startsWith('sso-session.')) sessions.set(key.slice('sso-session.'.length), section)
    else if (!NON_PROFILE_PREFIXES.some((prefix) => key.startsWith(prefix))) merged.set(key, { ...section })
  }
  // The credentials file wins for the keys it sets, as in the SDK.
  for (const [name, section] of Object.entries(credentialsFile)) {
    merged.set(name, { ...merged.get(name), ...section })
  }
  return [...merged.entries()]
    .map(([name, section]) => describeProfile(name, section, sessions))
    .sort((a, b) => a.name.localeCompare(b.name))
}

function describeProfile(name: string, section: Section, sessions: Map<string, Section>): AwsProfile {
  const session = section.sso_session ? sessions.get(section.sso_session) : undefined
  const profile: AwsProfile = { name, kind: kindOf(section), source: 'aws' }
  if (section.region) profile.region = section.region
  if (section.sso_account_id) profile.ssoAccountId = section.sso_account_id
  const startUrl = section.sso_start_url ?? session?.sso_start_url
  if (startUrl) profile.ssoStartUrl = startUrl
  return profile
}

function kindOf(section: Section): AwsProfile['kind'] {
  if (section.sso_session || section.sso_start_url || section.sso_account_id) return 'sso'
  if (section.role_arn && section.web_identity_token_file) return 'web-identity'
  if (section.role_arn) return 'assume-role'
  if (section.credential_process) return 'process'
  if (section.aws_access_key_id) return 'access-key'
  return 'other'
}

/** The profile the SDK picks when none is given: AWS_PROFILE, else "default" when it exists. */
export function defaultProfileName(profiles: AwsProfile[], env: NodeJS.ProcessEnv): string | undefined {
  if (env.AWS_PROFILE) return env.AWS_PROFILE
  return profiles.some((profile) => profile.name === 'default') ? 'default' : undefined
}
