// `keyfront aws whoami`: which AWS account and identity Keyfront acts as (STS GetCallerIdentity),
// for the profile given with --profile, or the SDK's default chain (AWS_PROFILE honoured).
import type { Register } from '../program.ts'
import { PROFILE_HELP, profileOption } from './cloudfront-options.ts'

export const registerAws: Register = (program, run) => {
  const aws = program.command('aws').description('the AWS identity Keyfront uses')

  aws
    .command('whoami')
    .description('show the AWS account and identity in use (STS GetCallerIdentity)')
    .option('--profile <name>', PROFILE_HELP)
    .action((options: { profile?: string }) =>
      run(async ({ ctx }) => {
        const profile = profileOption(options.profile)
        const identity = await (await ctx.keyfront()).awsAccounts.whoami(profile)
        const source = profile
          ? `profile "${profile}"`
          : ctx.io.env.AWS_PROFILE
            ? `profile "${ctx.io.env.AWS_PROFILE}" (from AWS_PROFILE)`
            : 'the default credentials'
        return {
          json: identity,
          text: `Account:  ${identity.accountId}\nIdentity: ${identity.arn}\nUsing:    ${source}`,
        }
      }),
    )
}
