// How `keyfront keys usage | rotate | retire` print for people: where a key is used, and plans
// that say group by group what changes, which links stop and what is refused, and why.
import type {
  KeyStatus,
  KeyUsage,
  LiveLinks,
  RetirePlan,
  RetireResult,
  RotateGroupPlan,
  RotatePlan,
  RotateResult,
  TrustingDistribution,
} from '../../shared/contract/key-lifecycle.ts'
import { KEY_TYPE_LABEL } from '../../shared/contract/keys.ts'
import { formatUtc } from '../../shared/expiry.ts'
import { siteAddresses } from '../../shared/site-link.ts'
import { clip, utcDate, utcMinute } from '../format.ts'

/** Links a plan lists in a terminal; --json has the first 200 and the count. */
const LINKS_LISTED = 20

/** "Retiring (last link expires 2026-12-12)" — the status as the Keys list says it. */
export function statusLabel(status: KeyStatus, lastLinkExpiresAt?: number): string {
  switch (status) {
    case 'legacy':
      return 'Legacy key pair'
    case 'not-uploaded':
      return 'Not uploaded'
    case 'in-use':
      return 'In use'
    case 'retiring':
      return lastLinkExpiresAt === undefined
        ? 'Retiring'
        : `Retiring (last link expires ${utcDate(lastLinkExpiresAt * 1000)})`
    case 'can-be-retired':
      return 'Can be retired'
  }
}

export function usageText(usage: KeyUsage): string {
  const lines = [
    `${usage.key.name} (${KEY_TYPE_LABEL[usage.key.type]}) — ${statusLabel(usage.status, usage.liveLinks.lastExpiresAt)}, in account ${usage.accountId}`,
  ]
  if (usage.replacedBy) {
    const since = usage.retiringSince === undefined ? '' : ` since ${utcMinute(usage.retiringSince)}`
    lines.push(`Replaced by "${usage.replacedBy.name}"${since}.`)
  }
  lines.push(
    usage.publicKeys.length
      ? `Public key: ${usage.publicKeys.map((k) => `${k.id} (${k.name})`).join(', ')}`
      : 'Public key: not uploaded to this account (keyfront cloudfront upload KEY)',
  )
  lines.push('Key groups:')
  if (usage.keyGroups.length === 0) lines.push('  none')
  for (const group of usage.keyGroups) {
    const keys = group.keys.map((key) =>
      usage.publicKeys.some((k) => k.id === key.id)
        ? `${key.id} (this key)`
        : `${key.id}${key.heldKey ? ` ("${key.heldKey.name}")` : key.name ? ` (${key.name})` : ''}`,
    )
    lines.push(`  ${group.name} (${group.id}) — ${group.keys.length} of 5 keys: ${keys.join(', ')}`)
    lines.push(...trustLines(group.distributions, '    '))
  }
  lines.push('Sites on this computer:')
  if (usage.sites.length === 0) lines.push('  none')
  for (const site of usage.sites) {
    lines.push(
      `  ${site.distributionId}  ${siteAddresses(site).join(', ')} — signed links only: ${site.restrictedPaths.join(', ')}`,
    )
  }
  lines.push(`Links still working: ${linksSummary(usage.liveLinks)}`)
  return lines.join('\n')
}

export function rotatePlanText(plan: RotatePlan): string {
  const keptIn = plan.newKey.kmsRegion
    ? `in AWS KMS, ${plan.newKey.kmsRegion}`
    : "in this computer's keychain"
  const newKey =
    plan.newKey.action === 'create'
      ? `create "${plan.newKey.name}" (${KEY_TYPE_LABEL[plan.newKey.type]}), kept ${keptIn}`
      : `"${plan.newKey.name}" (${KEY_TYPE_LABEL[plan.newKey.type]}, kept ${keptIn}), made by an earlier run`
  const upload =
    plan.upload.action === 'upload' ? 'upload its public key' : `already uploaded as ${plan.upload.id}`
  const lines = [
    `Plan: replace "${plan.oldKey.name}" (${plan.oldKey.publicKeyIds.join(', ')}) in account ${plan.accountId}`,
    `  New key:   ${newKey}`,
    `  Upload:    ${upload}`,
    '  Key groups:',
  ]
  for (const group of plan.keyGroups) {
    lines.push(`    ${group.name}  ${groupAction(group)}`, ...trustLines(group.distributions, '      '))
  }
  lines.push(
    plan.sites.length
      ? `  Sites:     ${plan.sites.map((s) => `${s.domainName} switches to the new key (${s.keyGroupName})`).join('; ')}`
      : '  Sites:     none here sign with the old key',
    `  Old key:   ${plan.markRetiring ? 'marked retiring' : 'already retiring'}; it stays in its key groups`,
  )
  return finish(lines, plan, 'Nothing to change: the key is already replaced.')
}

export function rotateResultText(result: RotateResult): string {
  if (!result.changed) {
    return `Nothing changed: "${result.oldKey.name}" is already replaced by "${result.newKey.name}" (Key-Pair-Id ${result.newKey.keyPairId}).`
  }
  const lines = [
    `${result.keyCreated ? 'Made' : 'Continued with'} "${result.newKey.name}"${result.newKey.kmsRegion ? ` (kept in AWS KMS, ${result.newKey.kmsRegion})` : ''} to replace "${result.oldKey.name}"; ${result.uploaded ? 'uploaded' : 'already uploaded'} as Key-Pair-Id ${result.newKey.keyPairId}.`,
  ]
  if (result.groupsCreated.length) lines.push(`Created key groups: ${result.groupsCreated.join(', ')}.`)
  if (result.groupsChanged.length) lines.push(`Added the new key to: ${result.groupsChanged.join(', ')}.`)
  if (result.distributionsChanged.length) {
    lines.push(
      `Changed ${result.distributionsChanged.join(', ')}: deploying, usually a few minutes (keyfront cloudfront distributions).`,
    )
  }
  if (result.sitesSwitched.length)
    lines.push(`Sites switched to the new key: ${result.sitesSwitched.join(', ')}.`)
  const live = result.liveLinks
  lines.push(
    live.count > 0 && live.lastExpiresAt !== undefined
      ? `"${result.oldKey.name}" is retiring: its ${plural(live.count, 'link')} ${live.count === 1 ? 'keeps' : 'keep'} working until ${formatUtc(live.lastExpiresAt)}. Retire it after that: keyfront keys retire "${result.oldKey.name}"`
      : `"${result.oldKey.name}" is retiring and no link needs it: retire it now with keyfront keys retire "${result.oldKey.name}"`,
  )
  return lines.join('\n')
}

export function retirePlanText(plan: RetirePlan): string {
  const lines = [`Plan: retire "${plan.key.name}" in account ${plan.accountId}`, '  Key groups:']
  if (plan.keyGroups.length === 0) lines.push('    none holds it')
  for (const group of plan.keyGroups) {
    const action =
      group.action === 'remove-key'
        ? `the key leaves (${group.keysAfter} of 5 keys after)`
        : 'it is the only key: a placeholder no one holds takes its place'
    lines.push(`    ${group.name}  ${action}`, ...trustLines(group.distributions, '      '))
  }
  lines.push(
    `  Delete from CloudFront: ${plan.publicKeys.map((k) => k.id).join(', ') || 'nothing left (already deleted)'}`,
    `  Links that would stop: ${plan.liveLinks.count}`,
  )
  const listed = plan.liveLinks.shown.slice(0, LINKS_LISTED)
  for (const link of listed) {
    lines.push(
      `    until ${formatUtc(link.expiresAt)}  ${clip(link.label ?? '(no label)', 30)}  ${clip(link.url, 90)}`,
    )
  }
  if (plan.liveLinks.count > listed.length) {
    lines.push(
      `    … and ${plan.liveLinks.count - listed.length} more (all of them: --json, or keyfront history --active)`,
    )
  }
  if (plan.sites.length)
    lines.push(`  Sites forgotten here: ${plan.sites.map((s) => s.domainName).join(', ')}`)
  lines.push(`  Private key: ${plan.deletePrivateKey ? 'deleted from Keyfront' : 'kept in Keyfront'}`)
  return finish(lines, plan, 'Nothing to change.')
}

export function retireResultText(result: RetireResult): string {
  if (!result.changed) return `Nothing changed: "${result.key.name}" was already retired.`
  const lines = [`Retired "${result.key.name}".`]
  if (result.removedFromGroups.length)
    lines.push(`Removed from key groups: ${result.removedFromGroups.join(', ')}.`)
  if (result.lockedGroups.length) {
    lines.push(
      `Key groups now holding only the placeholder (every link there is refused until a key is added): ${result.lockedGroups.join(', ')}.`,
    )
  }
  if (result.deletedPublicKeys.length)
    lines.push(`Deleted from CloudFront: ${result.deletedPublicKeys.join(', ')}.`)
  if (result.stoppedLinks)
    lines.push(
      `${plural(result.stoppedLinks, 'link')} ${result.stoppedLinks === 1 ? 'stops' : 'stop'} working once CloudFront has the change.`,
    )
  if (result.sitesForgotten.length) lines.push(`Forgot sites here: ${result.sitesForgotten.join(', ')}.`)
  if (result.privateKeyDeleted) lines.push('Its private key was deleted from the OS keychain.')
  return lines.join('\n')
}

function groupAction(group: RotateGroupPlan): string {
  switch (group.action) {
    case 'add-key':
      return `add the new key (${group.keys.length + 1} of 5 keys after)`
    case 'swap':
      return `${group.remove} leaves and the new key joins, in one edit`
    case 'none':
      return group.newGroupName
        ? `done: the new key is in "${group.newGroupName}"`
        : 'already holds the new key'
    case 'new-group':
      return `full: the new key goes into a new group "${group.newGroupName}", trusted by the same behaviors`
    case 'full':
      return `full (5 of 5 keys); may leave to make room: ${group.removable.join(', ') || 'none'}`
  }
}

function trustLines(distributions: TrustingDistribution[], indent: string): string[] {
  if (distributions.length === 0) return [`${indent}trusted by no behavior`]
  return distributions.map((d) => `${indent}trusted by ${d.id} (${d.domainName}): ${d.behaviors.join(', ')}`)
}

function linksSummary(links: LiveLinks): string {
  return links.count > 0 && links.lastExpiresAt !== undefined
    ? `${links.count}, the last until ${formatUtc(links.lastExpiresAt)}`
    : 'none'
}

function finish(
  lines: string[],
  plan: { warnings: string[]; blocked: { message: string }[]; changes: boolean },
  nothing: string,
): string {
  for (const warning of plan.warnings) lines.push(`  ! ${warning}`)
  for (const reason of plan.blocked) lines.push(`  Refused: ${reason.message}`)
  if (!plan.changes) lines.push(nothing)
  return lines.join('\n')
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}
