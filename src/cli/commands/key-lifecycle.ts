// `keyfront keys usage | rotate | retire`: where a key is used, replacing it, and retiring it (or
// stopping every link signed with it). rotate and retire print the plan first and change nothing
// without --yes; --dry-run prints only the plan. A plan with a reason to refuse exits 1 with it.
import type { Command } from 'commander'
import { Option } from 'commander'
import { KeyType } from '../../shared/contract/keys.ts'
import type { Blocker } from '../../shared/contract/key-lifecycle.ts'
import { KeyfrontError, type ErrorCode } from '../../shared/errors.ts'
import type { CliContext } from '../context.ts'
import { usageError, type Runner } from '../program.ts'
import { PROFILE_HELP, collect, profileOption } from './cloudfront-options.ts'
import {
  retirePlanText,
  retireResultText,
  rotatePlanText,
  rotateResultText,
  usageText,
} from './key-lifecycle-format.ts'

interface ChangeOptions {
  profile?: string
  dryRun?: boolean
  yes?: boolean
}

export function registerKeyLifecycle(keys: Command, run: Runner): void {
  keys
    .command('usage')
    .description(
      'where a key is used: key groups, the distributions and behaviors trusting them, sites here, links still working',
    )
    .argument('<key>', 'name or id of the key')
    .option('--profile <name>', PROFILE_HELP)
    .action((ref: string, options: { profile?: string }) =>
      run(async ({ ctx }) => {
        const usage = await (await ctx.keyfront()).keyLifecycle.usage(ref, profileOption(options.profile))
        return { json: usage, text: usageText(usage) }
      }),
    )

  keys
    .command('rotate')
    .description(
      'replace a key: make a new one, upload it, add it to every key group holding the old one, switch the sites here to it and mark the old key retiring (no link stops working)',
    )
    .argument('<key>', 'name or id of the key to replace')
    .addOption(
      new Option('--type <type>', "the new key's type (default: the old key's)").choices(KeyType.options),
    )
    .option('--name <name>', "the new key's name (default: the old name and today's date)")
    .option(
      '--remove-key <key-pair-id>',
      'in a key group at its 5-key limit, take out this key to make room (one the plan lists as removable; repeatable)',
      collect,
    )
    .option(
      '--new-group',
      'for a key group at its 5-key limit: put the new key in a new group trusted by the same behaviors',
    )
    .option('--dry-run', 'print the plan and change nothing')
    .option('--yes', 'apply the plan')
    .option('--profile <name>', PROFILE_HELP)
    .action(
      (
        ref: string,
        options: ChangeOptions & { type?: KeyType; name?: string; removeKey?: string[]; newGroup?: boolean },
      ) =>
        run(async ({ ctx, json }) => {
          const request = {
            key: ref,
            profile: profileOption(options.profile),
            type: options.type,
            name: options.name,
            removeKeys: options.removeKey,
            newGroup: options.newGroup,
          }
          const lifecycle = (await ctx.keyfront()).keyLifecycle
          const plan = await lifecycle.planRotate(request)
          const text = rotatePlanText(plan)
          if (options.dryRun) return { json: plan, text }
          confirm(ctx, json, text, plan.blocked, options.yes)
          const result = await lifecycle.rotate(request)
          return { json: result, text: rotateResultText(result) }
        }),
    )

  keys
    .command('retire')
    .description(
      'remove a key from its CloudFront key groups and delete its public key — refused while links signed with it still work, unless --stop-links-now',
    )
    .argument('<key>', 'name or id of the key')
    .option(
      '--stop-links-now',
      'retire it now: every link signed with it stops working (the plan lists them)',
    )
    .option(
      '--allow-empty-group <group>',
      'a key group (name or id) this key is the only key of: leave it with a placeholder no one holds, so every link on the paths that trust it is refused (repeatable)',
      collect,
    )
    .option(
      '--delete-private-key',
      'also delete the key from Keyfront (its private key leaves the OS keychain)',
    )
    .option('--dry-run', 'print the plan and change nothing')
    .option('--yes', 'apply the plan')
    .option('--profile <name>', PROFILE_HELP)
    .action(
      (
        ref: string,
        options: ChangeOptions & {
          stopLinksNow?: boolean
          allowEmptyGroup?: string[]
          deletePrivateKey?: boolean
        },
      ) =>
        run(async ({ ctx, json }) => {
          const request = {
            key: ref,
            profile: profileOption(options.profile),
            stopLinksNow: options.stopLinksNow,
            allowEmptyGroups: options.allowEmptyGroup,
            deletePrivateKey: options.deletePrivateKey,
          }
          const lifecycle = (await ctx.keyfront()).keyLifecycle
          const plan = await lifecycle.planRetire(request)
          const text = retirePlanText(plan)
          if (options.dryRun) return { json: plan, text }
          confirm(ctx, json, text, plan.blocked, options.yes)
          const result = await lifecycle.retire(request)
          return { json: result, text: retireResultText(result) }
        }),
    )
}

/**
 * Shows the plan (stderr: stdout stays the result), then stops at the first reason to refuse, or
 * without --yes; the plan alone is what --dry-run prints.
 */
function confirm(ctx: CliContext, json: boolean, planText: string, blocked: Blocker[], yes?: boolean): void {
  if (!json) ctx.io.stderr(`${planText}\n\n`)
  const first = blocked[0]
  if (first) throw new KeyfrontError(first.code as ErrorCode, first.message)
  if (!yes) {
    throw usageError(
      'Nothing was changed. Review the plan, then run the same command with --yes to apply it.',
    )
  }
}
