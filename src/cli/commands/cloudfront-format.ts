// How the cloudfront commands print for people: tables of public keys, key groups and
// distributions, and plans that say, behavior by behavior, what changes from what to what.
import type {
  BehaviorChange,
  DeploymentProgress,
  DistributionInfo,
  KeyGroupInfo,
  OnboardPlan,
  OnboardResult,
  PublicKeyInfo,
  TrustedGroup,
  TrustPlan,
  TrustResult,
} from '../../shared/contract/cloudfront.ts'
import { table, utcDate } from '../format.ts'

export function publicKeysText(keys: PublicKeyInfo[]): string {
  if (keys.length === 0)
    return 'This account has no CloudFront public keys yet. Upload one with: keyfront cloudfront upload KEY'
  return table([
    ['KEY-PAIR-ID', 'NAME', 'KEYFRONT KEY', 'CREATED'],
    ...keys.map((key) => [
      key.id,
      key.name,
      key.heldKey ? key.heldKey.name : '-',
      key.createdAt ? utcDate(key.createdAt) : '-',
    ]),
  ])
}

export function keyGroupsText(groups: KeyGroupInfo[]): string {
  if (groups.length === 0)
    return 'This account has no key groups yet. `keyfront cloudfront onboard` creates one.'
  return groups
    .map((group) => {
      const users = group.distributions.length
        ? group.distributions.map((d) => d.id).join(', ')
        : 'no distribution'
      const keys = group.keys.map(
        (key) =>
          `  ${key.id}  ${key.name ?? ''}${key.heldKey ? `  (Keyfront key "${key.heldKey.name}")` : ''}`,
      )
      return [
        `${group.name}  (${group.id}) — ${group.keys.length} of 5 keys; trusted by ${users}`,
        ...keys,
      ].join('\n')
    })
    .join('\n\n')
}

export function groupsLabel(groups: TrustedGroup[]): string {
  return groups.length
    ? groups.map((group) => group.name ?? group.id ?? '?').join(', ')
    : 'anyone (no signed links needed)'
}

export function distributionsText(distributions: DistributionInfo[]): string {
  if (distributions.length === 0) return 'This account has no CloudFront distributions.'
  return distributions
    .map((d) => {
      const lines = [
        `${d.id}  ${d.domainName}  ${d.status}${d.enabled ? '' : ' (disabled)'}${d.comment ? `  "${d.comment}"` : ''}`,
      ]
      if (d.aliases.length) lines.push(`  aliases: ${d.aliases.join(', ')}`)
      lines.push(`  origins: ${d.origins.map((o) => `${o.id} → ${o.domainName}`).join(', ')}`)
      for (const b of d.behaviors) {
        const signers = b.trustedSigners.length
          ? `; legacy trusted signers: ${b.trustedSigners.join(', ')}`
          : ''
        lines.push(`  ${b.selector.padEnd(14)} trusts: ${groupsLabel(b.trustedKeyGroups)}${signers}`)
      }
      return lines.join('\n')
    })
    .join('\n\n')
}

function behaviorLines(behaviors: BehaviorChange[]): string[] {
  const width = Math.max(10, ...behaviors.map((b) => b.selector.length))
  return behaviors.map((b) =>
    b.changes
      ? `    ${b.selector.padEnd(width)}  ${groupsLabel(b.before)}  →  ${groupsLabel(b.after)}`
      : `    ${b.selector.padEnd(width)}  ${groupsLabel(b.before)}  (unchanged)`,
  )
}

function trustPlanLines(plan: TrustPlan): string[] {
  const lines = ['  Behaviors (who is trusted, before → after):', ...behaviorLines(plan.behaviors)]
  for (const warning of plan.warnings) lines.push(`  ! ${warning}`)
  return lines
}

export function onboardPlanText(plan: OnboardPlan): string {
  const publicKey =
    plan.publicKey.action === 'upload'
      ? `upload "${plan.key.name}" as public key "${plan.publicKey.name}"`
      : `already uploaded as ${plan.publicKey.id} ("${plan.publicKey.name}") — reused`
  const group = {
    create: `create "${plan.keyGroup.name}" with this key`,
    'add-key': `add the key to "${plan.keyGroup.name}" (${plan.keyGroupAction.keysAfter} of 5 keys after)`,
    none: `"${plan.keyGroup.name}" already holds the key`,
  }[plan.keyGroupAction.action]
  return [
    `Plan for ${plan.distributionId} (${plan.domainName}) in account ${plan.accountId}:`,
    `  Public key: ${publicKey}`,
    `  Key group:  ${group}`,
    ...trustPlanLines(plan),
    plan.changes ? '' : 'Nothing to change: this distribution is already set up with this key.',
  ]
    .join('\n')
    .trimEnd()
}

export function detachPlanText(plan: TrustPlan): string {
  return [
    `Plan for ${plan.distributionId} (${plan.domainName}): stop trusting key group "${plan.keyGroup.name}"`,
    ...trustPlanLines(plan),
    plan.changes ? '' : 'Nothing to change: no chosen behavior trusts this key group.',
  ]
    .join('\n')
    .trimEnd()
}

export function onboardResultText(result: OnboardResult): string {
  if (!result.changed) {
    return `Nothing changed: ${result.distributionId} already trusts key group "${result.keyGroupName}", which holds public key ${result.publicKeyId}.`
  }
  const lines = [
    result.publicKeyUploaded
      ? `Uploaded public key ${result.publicKeyId}.`
      : `Reused public key ${result.publicKeyId}.`,
    result.keyGroupCreated
      ? `Created key group "${result.keyGroupName}" (${result.keyGroupId}).`
      : result.keyAddedToGroup
        ? `Added the key to key group "${result.keyGroupName}".`
        : `Key group "${result.keyGroupName}" already held the key.`,
  ]
  lines.push(trustResultLine(result))
  return lines.join('\n')
}

export function trustResultLine(result: TrustResult): string {
  if (result.changedBehaviors.length === 0) return 'No behavior needed a change.'
  return `Changed ${result.changedBehaviors.join(', ')} of ${result.distributionId}. CloudFront is deploying it (${result.status}); this usually takes a few minutes.`
}

export function progressLine(progress: DeploymentProgress): string {
  const seconds = Math.round(progress.elapsedMs / 1000)
  const elapsed = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
  const checked = new Date(progress.lastPollAt).toLocaleTimeString()
  return progress.done
    ? `Deployed after ${elapsed}.`
    : `Deploying… ${elapsed} elapsed, last checked ${checked} (${progress.status}).`
}
