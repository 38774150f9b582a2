// `keyfront cloudfront create-distribution`: serve a private S3 bucket through a new distribution
// with origin access control. The CLI never prompts: without --yes it prints the plan and the
// bucket-policy diff and changes nothing; --yes is the consent to create and to change the policy.
import type { Command } from 'commander'
import { AwsRegion, BucketName, RootObject, type OriginPlan } from '../../shared/contract/origin.ts'
import { usageError, type Runner } from '../program.ts'
import { PROFILE_HELP, checkOption, profileOption } from './cloudfront-options.ts'
import { describePlan, describeResult } from './create-distribution-text.ts'

interface Options {
  bucket: string
  region?: string
  rootObject?: string
  yes?: boolean
  dryRun?: boolean
  profile?: string
}

export function registerCreateDistribution(cloudfront: Command, run: Runner): void {
  cloudfront
    .command('create-distribution')
    .description('create a distribution that serves a private S3 bucket through origin access control')
    .requiredOption('--bucket <name>', 'the S3 bucket to serve')
    .option('--region <region>', "the bucket's region (looked up when not given)")
    .option('--root-object <key>', 'object returned for the bare domain, e.g. index.html')
    .option('--yes', 'create it and change the bucket policy as planned (without it: only show the plan)')
    .option('--dry-run', 'only show the plan and the bucket-policy diff')
    .option('--profile <name>', PROFILE_HELP)
    .action((options: Options) =>
      run(async ({ ctx }) => {
        const target = {
          bucket: checkOption(BucketName, options.bucket, '--bucket'),
          region:
            options.region === undefined ? undefined : checkOption(AwsRegion, options.region, '--region'),
          rootObject:
            options.rootObject === undefined
              ? undefined
              : checkOption(RootObject, options.rootObject, '--root-object'),
        }
        const profile = profileOption(options.profile)
        if (options.yes && options.dryRun) throw usageError('Use either --yes or --dry-run, not both.')
        const origin = ctx.keyfront().origin
        const plan = await origin.plan(target, profile)
        if (!options.yes) {
          return {
            json: { applied: false, plan },
            text: `${describePlan(plan)}\n${notApplied(plan, options.dryRun === true)}`,
          }
        }
        const result = await origin.apply(
          { ...target, region: plan.bucket.region, expectedPolicyHash: plan.bucketPolicy.baseHash },
          profile,
        )
        return {
          json: { applied: true, plan, result },
          text: `${describePlan(plan)}\n${describeResult(result)}`,
        }
      }),
    )
}

function notApplied(plan: OriginPlan, dryRun: boolean): string {
  const nothingToDo =
    plan.accessControl.action === 'reuse' &&
    plan.distribution.action === 'reuse' &&
    plan.bucketPolicy.action === 'unchanged'
  if (nothingToDo) {
    return `Everything is in place already. Next, restrict it to signed links:\n  keyfront cloudfront onboard --distribution ${plan.distribution.existing?.id ?? 'ID'} --key NAME`
  }
  const why = dryRun ? 'This was a dry run.' : 'Keyfront does not ask questions on the command line.'
  return `Nothing was changed. ${why} To create the resources above and change the bucket policy as shown, run the same command with --yes.`
}
