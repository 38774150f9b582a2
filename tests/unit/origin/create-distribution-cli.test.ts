// `keyfront cloudfront create-distribution` against moto_server: without --yes (or with --dry-run)
// it prints the plan and the policy diff and changes nothing; --yes creates and lists every resource
// with its id and the onboarding command; a re-run reuses everything; --json for scripts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ListDistributionsCommand, ListOriginAccessControlsCommand } from '@aws-sdk/client-cloudfront'
import { GetBucketPolicyCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { OriginPlan, OriginResult } from '../../../src/shared/contract/origin.ts'
import { runCli } from '../../harness/cli.ts'
import { existingPolicy, makeBucket, startOriginWorld, type OriginWorld } from './moto-setup.ts'
import { withoutInsertion } from './policy-bytes.ts'

let world: OriginWorld
let dataDir: string
const env = () => ({
  KEYFRONT_DATA_DIR: dataDir,
  KEYFRONT_KEYCHAIN_SERVICE: `Keyfront-cli-origin-${process.pid}`,
})
const cli = (...argv: string[]) => runCli(['cloudfront', 'create-distribution', ...argv], { env: env() })

beforeAll(async () => {
  world = await startOriginWorld()
  dataDir = mkdtempSync(join(tmpdir(), 'keyfront-cli-origin-'))
})
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true })
  await world.stop()
})
beforeEach(async () => {
  await world.moto.reset()
  await makeBucket(world, 'media', { policy: existingPolicy('media'), encryption: { algorithm: 'aws:kms' } })
})

async function created() {
  const oacs = await world.cf.send(new ListOriginAccessControlsCommand({}))
  const dists = await world.cf.send(new ListDistributionsCommand({}))
  return {
    oacs: oacs.OriginAccessControlList?.Quantity,
    distributions: dists.DistributionList?.Quantity ?? 0,
  }
}

const policy = async () => (await world.s3().send(new GetBucketPolicyCommand({ Bucket: 'media' }))).Policy

describe('keyfront cloudfront create-distribution', () => {
  it('without --yes prints the plan and the policy diff, says it changed nothing, and changes nothing', async () => {
    const run = await cli('--bucket', 'media', '--root-object', 'index.html')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Bucket media (us-east-1)')
    expect(run.stdout).toContain('create  origin access control keyfront-media (S3, SigV4, always sign)')
    expect(run.stdout).toContain(
      'viewers redirected to HTTPS, CachingOptimized cache policy, root object index.html',
    )
    expect(run.stdout).toMatch(/^\+ +"Sid": "KeyfrontCloudFrontReadNEWDISTRIBUTION",$/m)
    expect(run.stdout).toMatch(/^ {2}… \d+ unchanged lines …$/m)
    expect(run.stdout).not.toMatch(/^- /m)
    expect(run.stdout).toContain('Warning: CloudFront cannot read objects encrypted with the aws/s3 key')
    expect(run.stdout).toContain('Keyfront does not ask questions on the command line')
    expect(run.stdout).toContain('run the same command with --yes')
    expect(await created()).toEqual({ oacs: 0, distributions: 0 })
    expect(await policy()).toBe(existingPolicy('media'))

    const dry = await cli('--bucket', 'media', '--dry-run')
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('This was a dry run.')
    expect(await created()).toEqual({ oacs: 0, distributions: 0 })
  })

  it('with --yes creates everything, lists each resource with its id, and prints the onboarding command', async () => {
    const run = await cli('--bucket', 'media', '--yes')
    expect(run.code).toBe(0)
    const id = /Done\. Distribution (\w+) \(/.exec(run.stdout)?.[1] ?? ''
    expect(id).not.toBe('')
    expect(run.stdout).toMatch(/created +\w+ +Origin access control keyfront-media/)
    expect(run.stdout).toMatch(new RegExp(`created +${id} +Distribution`))
    expect(run.stdout).toMatch(new RegExp(`created +KeyfrontCloudFrontRead${id} +Bucket policy statement`))
    expect(run.stdout).toContain(`keyfront cloudfront onboard --distribution ${id} --key NAME`)
    expect(run.stdout).toContain('Warning: CloudFront cannot read objects encrypted with the aws/s3 key')
    expect(await created()).toEqual({ oacs: 1, distributions: 1 })
    expect(withoutInsertion(existingPolicy('media'), (await policy()) ?? '')).toBe(existingPolicy('media'))

    const again = await cli('--bucket', 'media', '--yes')
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(new RegExp(`reused +${id} +Distribution`))
    expect(again.stdout).not.toMatch(/^ +created /m)
    expect(await created()).toEqual({ oacs: 1, distributions: 1 })
  })

  it('prints JSON for scripts: the plan, and the result when applied', async () => {
    const dry = await cli('--bucket', 'media', '--dry-run', '--json')
    expect(dry.code).toBe(0)
    const planned = JSON.parse(dry.stdout) as { applied: boolean; plan: OriginPlan }
    expect(planned.applied).toBe(false)
    expect(planned.plan.bucketPolicy.action).toBe('add')

    const run = await cli('--bucket', 'media', '--yes', '--json')
    const out = JSON.parse(run.stdout) as { applied: boolean; result: OriginResult }
    expect(out.applied).toBe(true)
    expect(out.result.resources.map((r) => [r.kind, r.outcome])).toEqual([
      ['origin-access-control', 'created'],
      ['distribution', 'created'],
      ['bucket-policy-statement', 'created'],
    ])
    expect(out.result.next).toBe(
      `keyfront cloudfront onboard --distribution ${out.result.distribution.id} --key NAME`,
    )
  })

  it('says when all is in place already', async () => {
    await cli('--bucket', 'media', '--yes')
    const run = await cli('--bucket', 'media')
    expect(run.stdout).toContain('Everything is in place already.')
    expect(run.stdout).not.toContain('Bucket policy change')
  })

  it('exits 2 on a wrong command line and 1 (with a code) when the bucket does not exist', async () => {
    expect((await cli('--bucket', 'Not_A_Bucket')).code).toBe(2)
    expect((await cli('--bucket', 'media', '--region', 'mars')).code).toBe(2)
    expect((await cli('--bucket', 'media', '--root-object', '/index.html')).code).toBe(2)
    expect((await cli('--bucket', 'media', '--yes', '--dry-run')).code).toBe(2)
    expect((await cli()).code).toBe(2)
    const missing = await cli('--bucket', 'no-such-bucket', '--json')
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'S3_NO_SUCH_BUCKET' } })
  })
})
