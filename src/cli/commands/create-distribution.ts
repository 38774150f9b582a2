// `keyfront cloudfront create-distribution`: serve a private S3 bucket through a new distribution
// with origin access control, restricted to links signed with --key from its first request. The CLI
// never prompts: without --yes it prints the plan and the bucket-policy diff and changes nothing;
// --yes is the consent to create and to change the policy. A distribution that opens files without a
// signed link is made only with the explicit --no-signed-links.
import type { Command } from 'commander'
import {
  AwsRegion,
  BucketName,
  DEFAULT_BEHAVIOR,
  PathPattern,
  RootObject,
  type EncryptionChoice,
  type OriginPlan,
  type PlanRequest,
} from '../../shared/contract/origin.ts'
import { usageError, type Runner } from '../program.ts'
import { PROFILE_HELP, checkOption, collect, keyGroupOption, profileOption } from './cloudfront-options.ts'
import { describePlan, describeResult, encryptionChoices } from './create-distribution-text.ts'

interface Options {
  bucket: string
  region?: string
  rootObject?: string
  key?: string
  keyGroup?: string
  behavior?: string[]
  /** False with --no-signed-links. */
  signedLinks: boolean
  switchToSseS3?: boolean
  keepEncryption?: boolean
  yes?: boolean
  dryRun?: boolean
  profile?: string
}

export function registerCreateDistribution(cloudfront: Command, run: Runner): void {
  cloudfront
    .command('create-distribution')
    .description(
      'create a distribution for a private S3 bucket that only links signed with your key can read',
    )
    .requiredOption('--bucket <name>', 'the S3 bucket to serve')
    .option('--key <name>', 'the key that signs links (keyfront keys list); uploaded if needed')
    .option('--key-group <name>', 'the key group that holds it (default: keyfront-<bucket>)')
    .option(
      '--behavior <pattern>',
      'a path that needs a signed link: "default" (every path) or a pattern such as "private/*" (repeatable; default: every path)',
      collect,
    )
    .option(
      '--no-signed-links',
      'let anyone open the files without a signed link: every file, or with --behavior the files elsewhere',
    )
    .option('--switch-to-sse-s3', 'for a bucket encrypted with aws/s3: make SSE-S3 its default encryption')
    .option('--keep-encryption', 'for a bucket encrypted with aws/s3: keep it (those files will be refused)')
    .option('--region <region>', "the bucket's region (looked up when not given)")
    .option('--root-object <key>', 'object returned for the bare domain, e.g. index.html')
    .option('--yes', 'create it and change the bucket as planned (without it: only show the plan)')
    .option('--dry-run', 'only show the plan and the bucket-policy diff')
    .option('--profile <name>', PROFILE_HELP)
    .action((options: Options) =>
      run(async ({ ctx }) => {
        const target = request(options)
        const profile = profileOption(options.profile)
        if (options.yes && options.dryRun) throw usageError('Use either --yes or --dry-run, not both.')
        const origin = (await ctx.keyfront()).origin
        const plan = await origin.plan(target, profile)
        if (!options.yes) {
          return {
            json: { applied: false, plan },
            text: `${describePlan(plan)}\n${notApplied(plan, options.dryRun === true)}`,
          }
        }
        if (plan.encryption.action === 'choose') {
          throw usageError(
            `${describePlan(plan)}\nThe bucket encrypts with aws/s3: add --switch-to-sse-s3 or --keep-encryption.`,
          )
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

/** The options as a plan request, refusing (exit 2) any combination that opens files by accident. */
function request(options: Options): Omit<PlanRequest, 'profile'> {
  const target: Omit<PlanRequest, 'profile'> = {
    bucket: checkOption(BucketName, options.bucket, '--bucket'),
  }
  if (options.region !== undefined) target.region = checkOption(AwsRegion, options.region, '--region')
  if (options.rootObject !== undefined)
    target.rootObject = checkOption(RootObject, options.rootObject, '--root-object')
  const behaviors = options.behavior?.map((value) => checkOption(PathPattern, value, '--behavior'))
  const signed = options.signedLinks
  if (!options.key) {
    if (behaviors) throw usageError('--behavior needs --key NAME: the key that signs links to those paths.')
    if (signed) {
      throw usageError(
        'Name the key that will sign links: --key NAME (keyfront keys list shows yours; keyfront keys create NAME ' +
          'makes one). To serve the bucket to anyone without signed links, say so with --no-signed-links.',
      )
    }
  } else {
    const everything = !behaviors || behaviors.includes(DEFAULT_BEHAVIOR)
    if (!signed && !behaviors) {
      throw usageError(
        '--no-signed-links makes a distribution anyone can read: leave out --key, or leave out --no-signed-links.',
      )
    }
    if (!signed && everything) {
      throw usageError(
        '--behavior default already requires signed links everywhere: leave out --no-signed-links.',
      )
    }
    if (signed && !everything) {
      throw usageError(
        `Only ${behaviors.join(', ')} would need a signed link, and every other file would open for anyone. ` +
          'Add --behavior default to require signed links everywhere, or --no-signed-links to let anyone open the other files.',
      )
    }
    target.key = options.key
    if (options.keyGroup !== undefined) target.keyGroup = keyGroupOption(options.keyGroup)
    if (behaviors) target.behaviors = behaviors
  }
  if (!signed) target.allowUnsigned = true
  const encryption = encryptionOption(options)
  if (encryption) target.encryption = encryption
  return target
}

function encryptionOption(options: Options): EncryptionChoice | undefined {
  if (options.switchToSseS3 && options.keepEncryption) {
    throw usageError('Use either --switch-to-sse-s3 or --keep-encryption, not both.')
  }
  if (options.switchToSseS3) return 'switch-to-sse-s3'
  return options.keepEncryption ? 'keep' : undefined
}

function notApplied(plan: OriginPlan, dryRun: boolean): string {
  const nothingToDo =
    plan.accessControl.action === 'reuse' &&
    plan.distribution.action === 'reuse' &&
    plan.bucketPolicy.action === 'unchanged' &&
    plan.encryption.action !== 'switch-to-sse-s3' &&
    (plan.signing.publicKey?.action ?? 'reuse') === 'reuse' &&
    (plan.signing.keyGroup?.action ?? 'none') === 'none' &&
    plan.signing.behaviors.every((b) => b.action === 'unchanged')
  if (nothingToDo) return 'Everything is in place already.'
  const choose = plan.encryption.action === 'choose' ? `\n${encryptionChoices(plan.bucket.name)}\n` : ''
  const why = dryRun ? 'This was a dry run.' : 'Keyfront does not ask questions on the command line.'
  return `${choose}Nothing was changed. ${why} To create the resources above and change the bucket as shown, run the same command with --yes.`
}
