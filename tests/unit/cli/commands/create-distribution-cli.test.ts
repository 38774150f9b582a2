// `keyfront cloudfront create-distribution` against moto_server (behind the recording proxy):
// without --yes it prints the plan — who can open the files, the key and group, the policy diff —
// and changes nothing; --yes creates a distribution that only links signed with --key can read,
// with TrustedKeyGroups in the CreateDistribution request itself; --no-signed-links is the only way
// to one anyone can read, and the plan says what that means; a re-run converges; an aws/s3 bucket
// needs --switch-to-sse-s3 or --keep-encryption; --json for scripts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ListDistributionsCommand,
  ListKeyGroupsCommand,
  ListOriginAccessControlsCommand,
  ListPublicKeysCommand,
} from '@aws-sdk/client-cloudfront'
import { GetBucketEncryptionCommand, GetBucketPolicyCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { KeyService } from '../../../../src/core/keys/key-service.ts'
import { AWS_MANAGED_KEY } from '../../../../src/shared/aws-managed-key.ts'
import type { OriginPlan, OriginResult } from '../../../../src/shared/contract/origin.ts'
import { runCli } from '../../../harness/cli.ts'
import { child, childText, parseXml } from '../../../harness/xml.ts'
import { memoryKeychain } from '../../core/cloudfront/world.ts'
import {
  existingPolicy,
  makeBucket,
  startOriginWorld,
  type OriginWorld,
} from '../../core/origin/moto-setup.ts'
import { withoutInsertion } from '../../core/origin/policy-bytes.ts'

let world: OriginWorld
let dataDir: string
// Only keys.json is read for --key (the public half): the keychain is never touched.
const env = () => ({
  KEYFRONT_DATA_DIR: dataDir,
  KEYFRONT_KEYCHAIN_SERVICE: `Keyfront-cli-origin-${process.pid}`,
})
const cli = (...argv: string[]) => runCli(['cloudfront', 'create-distribution', ...argv], { env: env() })

beforeAll(async () => {
  world = await startOriginWorld()
  dataDir = mkdtempSync(join(tmpdir(), 'keyfront-cli-origin-'))
  const keys = new KeyService({ dataDir, keychain: memoryKeychain(), clock: { now: () => Date.now() } })
  await keys.create({ name: 'media-key', type: 'ecdsa' })
})
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true })
  await world.stop()
})
beforeEach(async () => {
  await world.moto.reset()
  world.proxy.requests.length = 0
  await makeBucket(world, 'media', { policy: existingPolicy('media'), blockPublicAccess: true })
})

async function created() {
  const oacs = await world.cf.send(new ListOriginAccessControlsCommand({}))
  const dists = await world.cf.send(new ListDistributionsCommand({}))
  const keys = await world.cf.send(new ListPublicKeysCommand({}))
  const groups = await world.cf.send(new ListKeyGroupsCommand({}))
  return {
    oacs: oacs.OriginAccessControlList?.Quantity,
    distributions: dists.DistributionList?.Quantity ?? 0,
    publicKeys: keys.PublicKeyList?.Quantity ?? 0,
    keyGroups: groups.KeyGroupList?.Quantity ?? 0,
  }
}

const nothing = { oacs: 0, distributions: 0, publicKeys: 0, keyGroups: 0 }
const policy = async () => (await world.s3().send(new GetBucketPolicyCommand({ Bucket: 'media' }))).Policy

/** Whether the default behavior of the CreateDistribution request trusted a key group. */
function sentDefaultTrust(): string | undefined {
  const create = world.proxy.requests.find((r) => r.method === 'POST' && r.url.endsWith('/distribution'))
  if (!create) throw new Error('no CreateDistribution request was sent')
  const behavior = child(parseXml(create.body), 'DefaultCacheBehavior')
  return childText(child(behavior, 'TrustedKeyGroups'), 'Enabled')
}

describe('keyfront cloudfront create-distribution', () => {
  it('without --yes prints who can open the files and the plan, says it changed nothing, and changes nothing', async () => {
    const run = await cli('--bucket', 'media', '--key', 'media-key', '--root-object', 'index.html')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Bucket media (us-east-1)')
    expect(run.stdout).toContain('Only links signed with “media-key” open the files, on every path')
    expect(run.stdout).toMatch(
      /^ {2}upload {2}public key media-key-\w{8} \(the public half of "media-key"\)$/m,
    )
    expect(run.stdout).toContain('  create  key group keyfront-media holding it')
    expect(run.stdout).toContain('create  origin access control keyfront-media (S3, SigV4, always sign)')
    expect(run.stdout).toContain(
      'viewers redirected to HTTPS, CachingOptimized cache policy, root object index.html',
    )
    expect(run.stdout).toContain(
      '  create  behavior every path (default): only signed links, from the first request',
    )
    expect(run.stdout).toMatch(/^\+ +"Sid": "KeyfrontCloudFrontReadNEWDISTRIBUTION",$/m)
    expect(run.stdout).toMatch(/^ {2}… \d+ unchanged lines …$/m)
    expect(run.stdout).not.toMatch(/^- /m)
    expect(run.stdout).toContain('Keyfront does not ask questions on the command line')
    expect(run.stdout).toContain('run the same command with --yes')
    expect(await created()).toEqual(nothing)
    expect(await policy()).toBe(existingPolicy('media'))

    const dry = await cli('--bucket', 'media', '--key', 'media-key', '--dry-run')
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('This was a dry run.')
    expect(await created()).toEqual(nothing)
  })

  it('with --yes makes the key, its group and a distribution that trusts it from its CreateDistribution on', async () => {
    const run = await cli('--bucket', 'media', '--key', 'media-key', '--yes')
    expect(run.code).toBe(0)
    const id = /Created\. Distribution (\w+) \(/.exec(run.stdout)?.[1] ?? ''
    const domain = /Created\. Distribution \w+ \(([^)]+)\)/.exec(run.stdout)?.[1] ?? ''
    expect(id).not.toBe('')
    expect(run.stdout).toMatch(/created +\w+ +Public key media-key-\w+/)
    expect(run.stdout).toMatch(/created +\w+ +Key group keyfront-media/)
    expect(run.stdout).toMatch(/created +\w+ +Origin access control keyfront-media/)
    expect(run.stdout).toMatch(
      new RegExp(`created +${id} +Distribution .*: signed links only, on every path`),
    )
    expect(run.stdout).toMatch(new RegExp(`created +KeyfrontCloudFrontRead${id} +Bucket policy statement`))
    expect(run.stdout).toContain(`keyfront sign --site ${domain} PATH --expires 1d`)
    expect(sentDefaultTrust()).toBe('true')
    expect(await created()).toEqual({ oacs: 1, distributions: 1, publicKeys: 1, keyGroups: 1 })
    expect(withoutInsertion(existingPolicy('media'), (await policy()) ?? '')).toBe(existingPolicy('media'))

    const again = await cli('--bucket', 'media', '--key', 'media-key', '--yes')
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(new RegExp(`reused +${id} +Distribution`))
    expect(again.stdout).not.toMatch(/^ +created /m)
    expect(await created()).toEqual({ oacs: 1, distributions: 1, publicKeys: 1, keyGroups: 1 })
    const plan = await cli('--bucket', 'media', '--key', 'media-key')
    expect(plan.stdout).toContain('Everything is in place already.')
    expect(plan.stdout).not.toContain('Bucket policy change')
  })

  it('makes one anyone can read only with --no-signed-links, and says what that means first', async () => {
    const refused = await cli('--bucket', 'media', '--yes')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--key NAME')
    expect(refused.stderr).toContain('--no-signed-links')
    expect(await created()).toEqual(nothing)

    const plan = await cli('--bucket', 'media', '--no-signed-links')
    expect(plan.code).toBe(0)
    expect(plan.stdout).toContain(
      'No signed links: anyone who knows the distribution’s address can open every file in media.',
    )
    expect(plan.stdout).toContain(
      'Warning: Anyone who knows or guesses the distribution’s address can open every file in media',
    )
    expect(plan.stdout).not.toContain('key group')

    const run = await cli('--bucket', 'media', '--no-signed-links', '--yes')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Anyone who knows its address can open every file. To require signed links:')
    expect(sentDefaultTrust()).toBeUndefined()
    expect(await created()).toEqual({ oacs: 1, distributions: 1, publicKeys: 0, keyGroups: 0 })
  })

  it('refuses (exit 2) every combination that would open files by accident', async () => {
    for (const argv of [
      ['--behavior', 'private/*'],
      ['--key', 'media-key', '--behavior', 'private/*'],
      ['--key', 'media-key', '--no-signed-links'],
      ['--key', 'media-key', '--behavior', 'default', '--no-signed-links'],
      ['--key', 'media-key', '--behavior', '*'],
      ['--key', 'media-key', '--switch-to-sse-s3', '--keep-encryption'],
    ]) {
      const run = await cli('--bucket', 'media', ...argv, '--yes')
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 })
    }
    expect(await created()).toEqual(nothing)
    const some = await cli(
      '--bucket',
      'media',
      '--key',
      'media-key',
      '--behavior',
      'private/*',
      '--no-signed-links',
    )
    expect(some.code).toBe(0)
    expect(some.stdout).toContain(
      'Warning: Anyone who knows or guesses the distribution’s address can open every file outside private/*',
    )
  })

  it('needs a choice for an aws/s3 bucket, and switches to SSE-S3 only when told', async () => {
    await makeBucket(world, 'kms-media', { encryption: { algorithm: 'aws:kms' } })
    const plan = await cli('--bucket', 'kms-media', '--key', 'media-key')
    expect(plan.stdout).toContain(`Warning: ${AWS_MANAGED_KEY.title}`)
    expect(plan.stdout).toContain('--switch-to-sse-s3')
    expect(plan.stdout).toContain('aws s3 cp s3://kms-media/ s3://kms-media/ --recursive --sse AES256')
    const undecided = await cli('--bucket', 'kms-media', '--key', 'media-key', '--yes')
    expect(undecided.code).toBe(2)
    expect(undecided.stderr).toContain('add --switch-to-sse-s3 or --keep-encryption')
    expect(await created()).toEqual(nothing)

    const run = await cli('--bucket', 'kms-media', '--key', 'media-key', '--switch-to-sse-s3', '--yes')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('switch  default encryption to SSE-S3, for new files')
    const encryption = await world.s3().send(new GetBucketEncryptionCommand({ Bucket: 'kms-media' }))
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
        ?.SSEAlgorithm,
    ).toBe('AES256')
  })

  it('prints JSON for scripts: the plan, and the result when applied', async () => {
    const dry = await cli('--bucket', 'media', '--key', 'media-key', '--dry-run', '--json')
    expect(dry.code).toBe(0)
    const planned = JSON.parse(dry.stdout) as { applied: boolean; plan: OriginPlan }
    expect(planned.applied).toBe(false)
    expect(planned.plan.signing.coverage).toBe('all')

    const run = await cli('--bucket', 'media', '--key', 'media-key', '--yes', '--json')
    const out = JSON.parse(run.stdout) as { applied: boolean; result: OriginResult }
    expect(out.applied).toBe(true)
    expect(out.result.resources.map((r) => [r.kind, r.outcome])).toEqual([
      ['public-key', 'created'],
      ['key-group', 'created'],
      ['origin-access-control', 'created'],
      ['distribution', 'created'],
      ['bucket-policy-statement', 'created'],
    ])
    expect(out.result.signing).toMatchObject({ coverage: 'all', restrictedPaths: ['*'] })
  })

  it('exits 2 on a wrong command line and 1 (with a code) when the bucket or key does not exist', async () => {
    expect((await cli('--bucket', 'Not_A_Bucket', '--key', 'media-key')).code).toBe(2)
    expect((await cli('--bucket', 'media', '--key', 'media-key', '--region', 'mars')).code).toBe(2)
    expect((await cli('--bucket', 'media', '--key', 'media-key', '--root-object', '/index.html')).code).toBe(
      2,
    )
    expect((await cli('--bucket', 'media', '--key', 'media-key', '--yes', '--dry-run')).code).toBe(2)
    expect((await cli()).code).toBe(2)
    const missing = await cli('--bucket', 'no-such-bucket', '--key', 'media-key', '--json')
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'S3_NO_SUCH_BUCKET' } })
    const noKey = await cli('--bucket', 'media', '--key', 'nobody', '--json')
    expect(noKey.code).toBe(1)
    expect(JSON.parse(noKey.stdout)).toMatchObject({ error: { code: 'KEY_NOT_FOUND' } })
  })
})
