// AWS profiles and identity: the shared config/credentials files (written to temp files named by
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), SSO profiles, AWS_PROFILE, access keys added in
// Keyfront (secret in the keychain only), and the identity in use via STS GetCallerIdentity — over
// HTTP to the double, which records which access key signed each request.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startCloudFrontDouble, type CloudFrontDouble } from '../../../harness/cloudfront-double.ts'
import { createWorld, type World } from '../cloudfront/world.ts'

const CONFIG = `[default]
region = eu-west-1

[profile dev-sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
region = us-east-1

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 444455556666
sso_role_name = ReadOnly

[profile deploy]
role_arn = arn:aws:iam::111122223333:role/deploy
source_profile = default

[profile tool]
credential_process = /usr/local/bin/get-creds

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`
const CREDENTIALS = `[default]
aws_access_key_id = AKIADEFAULT000000001
aws_secret_access_key = default-secret-never-shown

[ci]
aws_access_key_id = AKIACI00000000000002
aws_secret_access_key = ci-secret-never-shown
`

let double: CloudFrontDouble
let home: string
let world: World
const saved = { ...process.env }

beforeAll(async () => {
  double = await startCloudFrontDouble()
})
afterAll(async () => {
  await double.stop()
})
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'keyfront-aws-home-'))
  mkdirSync(join(home, '.aws'))
  writeFileSync(join(home, '.aws', 'config'), CONFIG)
  writeFileSync(join(home, '.aws', 'credentials'), CREDENTIALS)
  process.env = { ...saved, ...double.env }
  delete process.env.AWS_ACCESS_KEY_ID
  delete process.env.AWS_SECRET_ACCESS_KEY
  delete process.env.AWS_PROFILE
  Object.assign(process.env, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  })
  world = createWorld({ maxAttempts: 1 })
})
afterEach(() => {
  world.close()
  rmSync(home, { recursive: true, force: true })
  process.env = { ...saved }
})

function ssoCache(cacheKey: string, expiresAt: Date) {
  const dir = join(home, '.aws', 'sso', 'cache')
  mkdirSync(dir, { recursive: true })
  const file = createHash('sha1').update(cacheKey).digest('hex')
  writeFileSync(
    join(dir, `${file}.json`),
    JSON.stringify({
      accessToken: 'token',
      expiresAt: expiresAt.toISOString(),
      region: 'us-east-1',
      startUrl: cacheKey,
    }),
  )
}

describe('AWS profiles', () => {
  it('lists the profiles of both files with their kind, SSO details included, and no secret', async () => {
    const { profiles, defaultProfile, environmentCredentials } = await world.accounts.profiles()
    expect(profiles).toEqual([
      { name: 'ci', kind: 'access-key', source: 'aws' },
      { name: 'default', kind: 'access-key', source: 'aws', region: 'eu-west-1' },
      { name: 'deploy', kind: 'assume-role', source: 'aws' },
      {
        name: 'dev-sso',
        kind: 'sso',
        source: 'aws',
        region: 'us-east-1',
        ssoAccountId: '111122223333',
        ssoStartUrl: 'https://corp.awsapps.com/start',
      },
      {
        name: 'legacy-sso',
        kind: 'sso',
        source: 'aws',
        ssoAccountId: '444455556666',
        ssoStartUrl: 'https://legacy.awsapps.com/start',
      },
      { name: 'tool', kind: 'process', source: 'aws' },
    ])
    expect(defaultProfile).toBe('default')
    expect(environmentCredentials).toBe(false)
    expect(JSON.stringify(profiles)).not.toMatch(/secret|AKIA/)
  })

  it('honours AWS_PROFILE as the default, and uses its credentials when no profile is picked', async () => {
    process.env.AWS_PROFILE = 'ci'
    expect((await world.accounts.profiles()).defaultProfile).toBe('ci')
    await world.accounts.whoami()
    expect(double.accessKeyIds.at(-1)).toBe('AKIACI00000000000002')
  })

  it('uses the picked profile’s credentials and reports the identity from STS', async () => {
    expect(await world.accounts.whoami('default')).toEqual({
      profile: 'default',
      accountId: '210987654321',
      arn: 'arn:aws:iam::210987654321:user/double',
      userId: 'AIDADOUBLE',
    })
    expect(double.accessKeyIds.at(-1)).toBe('AKIADEFAULT000000001')
  })

  it('an unknown profile is named, without calling AWS', async () => {
    const calls = double.calls.length
    await expect(world.accounts.whoami('nope')).rejects.toMatchObject({
      code: 'AWS_PROFILE_NOT_FOUND',
      message: expect.stringContaining('aws configure --profile nope') as unknown,
    })
    expect(double.calls.length).toBe(calls)
  })

  it('an AWS_PROFILE that names no profile says so', async () => {
    process.env.AWS_PROFILE = 'typo'
    await expect(world.accounts.whoami()).rejects.toMatchObject({
      code: 'AWS_PROFILE_NOT_FOUND',
      message: expect.stringContaining('AWS_PROFILE names "typo"') as unknown,
    })
  })

  it('an expired SSO session says how to log in again (sso_session profiles)', async () => {
    ssoCache('corp', new Date(Date.now() - 3_600_000))
    await expect(world.accounts.whoami('dev-sso')).rejects.toMatchObject({
      code: 'AWS_SSO_EXPIRED',
      message: expect.stringContaining('Run `aws sso login --profile dev-sso`') as unknown,
    })
  })

  it('an expired SSO session says how to log in again (legacy sso_start_url profiles)', async () => {
    ssoCache('https://legacy.awsapps.com/start', new Date(Date.now() - 3_600_000))
    await expect(world.accounts.whoami('legacy-sso')).rejects.toMatchObject({
      code: 'AWS_SSO_EXPIRED',
      message: expect.stringContaining('aws sso login --profile legacy-sso') as unknown,
    })
  })

  it('an SSO profile never logged in says the same', async () => {
    await expect(world.accounts.whoami('legacy-sso')).rejects.toMatchObject({ code: 'AWS_SSO_EXPIRED' })
  })

  it('no credentials anywhere', async () => {
    writeFileSync(join(home, '.aws', 'config'), '')
    writeFileSync(join(home, '.aws', 'credentials'), '')
    await expect(world.accounts.whoami()).rejects.toMatchObject({
      code: 'AWS_NO_CREDENTIALS',
      message: expect.stringContaining('add an access key in Keyfront') as unknown,
    })
  })

  it('credentials AWS rejects', async () => {
    double.inject({
      operation: 'GetCallerIdentity',
      kind: 'error',
      status: 403,
      code: 'InvalidClientTokenId',
    })
    await expect(world.accounts.whoami('ci')).rejects.toMatchObject({
      code: 'AWS_CREDENTIALS_INVALID',
      message: expect.stringContaining('profile "ci"') as unknown,
    })
  })
})

describe('access keys added in Keyfront', () => {
  const added = {
    name: 'office',
    accessKeyId: 'AKIAOFFICE0000000003',
    secretAccessKey: 'office-secret-value-123',
  }

  it('keeps the secret in the keychain only, and signs with it when that profile is picked', async () => {
    const profile = await world.accounts.addAccessKey({ ...added, region: 'eu-central-1' })
    expect(profile).toEqual({ name: 'office', kind: 'keychain', source: 'keyfront', region: 'eu-central-1' })
    expect(world.keychain.entries.get('aws:office')).toBe(added.secretAccessKey)
    for (const file of readdirSync(world.dataDir)) {
      expect(readFileSync(join(world.dataDir, file), 'utf8')).not.toContain(added.secretAccessKey)
    }
    expect((await world.accounts.profiles()).profiles.at(-1)).toEqual(profile)
    await world.accounts.whoami('office')
    expect(double.accessKeyIds.at(-1)).toBe(added.accessKeyId)
  })

  it('is used by default when AWS_PROFILE names it', async () => {
    await world.accounts.addAccessKey(added)
    process.env.AWS_PROFILE = 'office'
    await world.cloudfront.distributions()
    expect(double.accessKeyIds.at(-1)).toBe(added.accessKeyId)
  })

  it('may not take the name of a profile in the AWS config', async () => {
    await expect(world.accounts.addAccessKey({ ...added, name: 'ci' })).rejects.toMatchObject({
      code: 'AWS_PROFILE_NAME_TAKEN',
    })
    expect(world.keychain.entries.size).toBe(0)
  })

  it('is removed with its keychain entry', async () => {
    await world.accounts.addAccessKey(added)
    await world.accounts.removeAccessKey('office')
    expect(world.keychain.entries.has('aws:office')).toBe(false)
    expect((await world.accounts.profiles()).profiles.map((p) => p.name)).not.toContain('office')
    await expect(world.accounts.removeAccessKey('office')).rejects.toMatchObject({
      code: 'AWS_PROFILE_NOT_FOUND',
    })
  })

  it('says so when its secret has gone from the keychain', async () => {
    await world.accounts.addAccessKey(added)
    world.keychain.entries.clear()
    await expect(world.accounts.whoami('office')).rejects.toMatchObject({ code: 'KEYCHAIN_ENTRY_MISSING' })
  })
})
