// `keyfront cloudfront …`: the account's public keys, key groups and distributions; uploading a
// key; onboarding a distribution (upload → key group → restrict behaviors → optionally wait) and
// detaching a key group. Changes are planned first (--dry-run prints only the plan). `sites` lists
// (or forgets) the distributions onboarded from this computer, without an AWS call.
import type { Keyfront } from '../../core/app.ts'
import type { AddSiteRequest, OnboardRequest } from '../../shared/contract/cloudfront.ts'
import { findSite, siteAddresses } from '../../shared/site-link.ts'
import type { CliContext, CommandResult } from '../context.ts'
import type { Register } from '../program.ts'
import {
  detachPlanText,
  distributionsText,
  keyGroupsText,
  onboardPlanText,
  onboardResultText,
  progressLine,
  publicKeysText,
  trustResultLine,
} from './cloudfront-format.ts'
import {
  PROFILE_HELP,
  behaviorOptions,
  collect,
  distributionOption,
  keyGroupOption,
  profileOption,
} from './cloudfront-options.ts'
import { registerCreateDistribution } from './create-distribution.ts'
import { siteNotFound } from './shared.ts'

const BEHAVIOR_HELP = '"default" or a path pattern such as "/private/*" (repeatable)'

interface ChangeOptions {
  profile?: string
  distribution: string
  keyGroup?: string
  behavior?: string[]
  wait?: boolean
  dryRun?: boolean
}

export const registerCloudfront: Register = (program, run) => {
  const cloudfront = program
    .command('cloudfront')
    .description(
      'public keys, key groups and distributions of the AWS account; restrict a distribution to signed links',
    )

  const list = (
    name: string,
    description: string,
    work: (kf: Keyfront, profile?: string) => Promise<CommandResult>,
  ) =>
    cloudfront
      .command(name)
      .description(description)
      .option('--profile <name>', PROFILE_HELP)
      .action((options: { profile?: string }) =>
        run(async ({ ctx }) => work(await ctx.keyfront(), profileOption(options.profile))),
      )

  list(
    'keys',
    "list the account's public keys, marking those whose private key Keyfront holds",
    async (kf, profile) => {
      const keys = await kf.cloudfront.publicKeys(profile)
      return { json: keys, text: publicKeysText(keys) }
    },
  )
  list(
    'key-groups',
    'list key groups with their keys and the distributions that trust them',
    async (kf, profile) => {
      const groups = await kf.cloudfront.keyGroups(profile)
      return { json: groups, text: keyGroupsText(groups) }
    },
  )
  list(
    'distributions',
    'list distributions with each behavior and the key groups it trusts',
    async (kf, profile) => {
      const distributions = await kf.cloudfront.distributions(profile)
      return { json: distributions, text: distributionsText(distributions) }
    },
  )

  cloudfront
    .command('upload')
    .description(
      "upload a key's public half to CloudFront (reused if already there) and record its Key-Pair-Id",
    )
    .argument('<key>', 'name or id of the key')
    .option('--profile <name>', PROFILE_HELP)
    .action((key: string, options: { profile?: string }) =>
      run(async ({ ctx }) => {
        const result = await (await ctx.keyfront()).cloudfront.upload(key, profileOption(options.profile))
        const what = result.reused ? 'was already in' : 'is now in'
        return {
          json: result,
          text: `The key ${what} account ${result.accountId} as public key ${result.publicKeyId} ("${result.name}").\nLinks signed with it use Key-Pair-Id ${result.publicKeyId}.`,
        }
      }),
    )

  cloudfront
    .command('onboard')
    .description(
      'restrict a distribution to links signed with a key: upload it if needed, create or extend a key group, and make the chosen behaviors trust it',
    )
    .requiredOption('--distribution <id>', 'the distribution id, e.g. E2QWRUHAPOMQZL')
    .requiredOption('--key <name>', 'name or id of the key links will be signed with')
    .option('--key-group <name>', 'key group to create or extend (default: keyfront-<distribution id>)')
    .option('--behavior <pattern>', `${BEHAVIOR_HELP}; default: every behavior`, collect)
    .option('--wait', 'wait until CloudFront has deployed the change')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--profile <name>', PROFILE_HELP)
    .action((options: ChangeOptions & { key: string }) =>
      run(async ({ ctx, json }) => {
        const request: OnboardRequest = { ...changeRequest(options), key: options.key }
        const cf = (await ctx.keyfront()).cloudfront
        const plan = await cf.planOnboard(request)
        if (options.dryRun) return { json: plan, text: onboardPlanText(plan) }
        if (!json) ctx.io.stderr(`${onboardPlanText(plan)}\n\n`)
        const result = await cf.onboard(request)
        const text = onboardResultText(result)
        if (!options.wait) return { json: result, text: `${text}${deployHint(result.changedBehaviors)}` }
        const deployed = await waitWithProgress(ctx, json, result.distributionId, request.profile)
        return { json: { ...result, status: deployed.status }, text: `${text}\n${progressLine(deployed)}` }
      }),
    )

  cloudfront
    .command('detach')
    .description(
      'stop the chosen behaviors trusting a key group (links signed with its keys stop working there)',
    )
    .requiredOption('--distribution <id>', 'the distribution id')
    .requiredOption('--key-group <name>', 'the key group to detach')
    .option(
      '--behavior <pattern>',
      `${BEHAVIOR_HELP}; default: every behavior that trusts the group`,
      collect,
    )
    .option('--dry-run', 'print the plan and change nothing')
    .option('--profile <name>', PROFILE_HELP)
    .action((options: ChangeOptions & { keyGroup: string }) =>
      run(async ({ ctx, json }) => {
        const request = { ...changeRequest(options), keyGroup: options.keyGroup }
        const cf = (await ctx.keyfront()).cloudfront
        const plan = await cf.planDetach(request)
        if (options.dryRun) return { json: plan, text: detachPlanText(plan) }
        if (!json) ctx.io.stderr(`${detachPlanText(plan)}\n\n`)
        const result = await cf.detach(request)
        return { json: result, text: `${trustResultLine(result)}${deployHint(result.changedBehaviors)}` }
      }),
    )

  const sites = cloudfront
    .command('sites')
    .description(
      'the distributions onboarded from this computer, which `keyfront sign --site` can make links for',
    )
    .option('--forget <site>', 'forget one here (id or address); CloudFront is not changed')
    .action((options: { forget?: string }) =>
      run(async ({ ctx }) => {
        const kf = await ctx.keyfront()
        const sites = await kf.cloudfront.sites()
        if (options.forget !== undefined) {
          const site = findSite(sites, options.forget)
          if (!site) throw siteNotFound(options.forget)
          await kf.cloudfront.forgetSite(site.distributionId)
          return {
            json: { removed: true, distributionId: site.distributionId },
            text: `Forgot ${site.distributionId} here. It still accepts links signed with its key until you detach the key group.`,
          }
        }
        const names = new Map((await kf.keys.list()).map((key) => [key.id, key.name]))
        const lines = sites.map(
          (site) =>
            `${site.distributionId}  ${siteAddresses(site).join(', ')}  key "${names.get(site.keyId) ?? site.keyId}" (${site.keyPairId})  signed links only: ${site.restrictedPaths.join(', ') || 'none'}`,
        )
        return {
          json: sites,
          text:
            lines.join('\n') ||
            'No site yet. Onboard a distribution (keyfront cloudfront onboard …), add one onboarded elsewhere (keyfront cloudfront sites add …) or import a setup file (keyfront setup import FILE …).',
        }
      }),
    )

  sites
    .command('add')
    .description(
      'add a site onboarded elsewhere (another computer, the console): checks it trusts the key; CloudFront is not changed',
    )
    .requiredOption('--distribution <id>', 'the distribution id, or its address (d111….cloudfront.net)')
    .requiredOption('--key <name>', 'name or id of a key the distribution trusts')
    .option(
      '--path <pattern>',
      'a path pattern that needs signed links, "*" for the default behavior (repeatable); default: every path that trusts the key',
      collect,
    )
    .option('--profile <name>', PROFILE_HELP)
    .action((options: { distribution: string; key: string; path?: string[]; profile?: string }) =>
      run(async ({ ctx }) => {
        const kf = await ctx.keyfront()
        const request: AddSiteRequest = { distribution: options.distribution, key: options.key }
        const profile = profileOption(options.profile)
        if (profile) request.profile = profile
        if (options.path) request.paths = options.path
        const site = await kf.cloudfront.addSite(request)
        return {
          json: site,
          text: `Added ${site.distributionId} (${siteAddresses(site).join(', ')}) with key "${(await kf.keys.find(site.keyId)).name}". Signed links only: ${site.restrictedPaths.join(', ')}.\nMake links with: keyfront sign --site ${site.distributionId} PATH --expires 7d`,
        }
      }),
    )

  registerCreateDistribution(cloudfront, run)
}

function changeRequest(options: ChangeOptions) {
  const request: Omit<OnboardRequest, 'key'> = { distributionId: distributionOption(options.distribution) }
  const profile = profileOption(options.profile)
  const keyGroup = keyGroupOption(options.keyGroup)
  const behaviors = behaviorOptions(options.behavior)
  if (profile) request.profile = profile
  if (keyGroup) request.keyGroup = keyGroup
  if (behaviors) request.behaviors = behaviors
  return request
}

function deployHint(changed: string[]): string {
  return changed.length
    ? '\nRun `keyfront cloudfront distributions` to see when it is Deployed, or add --wait.'
    : ''
}

/** Prints a progress line per poll to stderr (stdout stays the result, for scripts). */
async function waitWithProgress(ctx: CliContext, json: boolean, distributionId: string, profile?: string) {
  return (await ctx.keyfront()).cloudfront.waitDeployed(distributionId, {
    profile,
    onProgress: (progress) => {
      if (!json && !progress.done) ctx.io.stderr(`${progressLine(progress)}\n`)
    },
  })
}
