// Who may open the new distribution's files: which behaviors accept only links signed with the
// chosen key, checked so that nothing opens without a signed link unless the user said so in as many
// words (allowUnsigned); what that means, in plain words for the plan; and, when applying, the key
// uploaded (or found by fingerprint) and the key group created (or found by name) before the
// distribution exists, so that CreateDistribution can name the group on every chosen behavior.
import type { DistributionConfig } from '@aws-sdk/client-cloudfront'
import type { KeySummary } from '../../shared/contract/keys.ts'
import { DEFAULT_BEHAVIOR, type PlanRequest, type SigningPlan } from '../../shared/contract/origin.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { CloudFrontApi } from '../cloudfront/api.ts'
import { behaviorsOf, selectBehaviors, trustedGroupIds } from '../cloudfront/behaviors.ts'
import { ensureKeyInGroup, type EnsuredGroup } from '../cloudfront/key-groups.ts'
import { keyInGroupPlan } from '../cloudfront/plan.ts'
import { ensurePublicKey, type EnsuredPublicKey } from '../cloudfront/public-keys.ts'
import type { KeyDirectory } from '../keys/signing-key.ts'
import { keyGroupName } from './names.ts'

/** The request's answer to "who may open the files", checked. */
export type SigningChoice =
  { coverage: 'none' } | { coverage: 'all' | 'some'; key: string; keyGroup: string; behaviors: string[] }

type Request = Pick<PlanRequest, 'bucket' | 'key' | 'keyGroup' | 'behaviors' | 'allowUnsigned'>

/** Reads the choice from a request; refuses any combination that would open files by accident. */
export function signingChoice(request: Request): SigningChoice {
  const behaviors = request.behaviors ? [...new Set(request.behaviors)] : undefined
  if (!request.key) {
    if (behaviors) {
      throw invalid('Paths that need a signed link need a key to sign the links: choose one.')
    }
    if (!request.allowUnsigned) {
      throw invalid(
        'Choose the key that will sign links. Without one the distribution opens every file of the bucket to ' +
          'anyone who knows its address; Keyfront makes such a distribution only when asked to explicitly.',
      )
    }
    return { coverage: 'none' }
  }
  const chosen = behaviors ?? [DEFAULT_BEHAVIOR]
  const everything = chosen.includes(DEFAULT_BEHAVIOR)
  if (everything && request.allowUnsigned) {
    throw invalid(
      'Every file needs a signed link with these paths, so none would open without one: leave out the ' +
        'permission to open files without a signed link.',
    )
  }
  if (!everything && !request.allowUnsigned) {
    throw invalid(
      `Only ${joinWords(chosen)} would need a signed link, and every other file would open for anyone. ` +
        'Add the default behavior to require signed links everywhere, or agree explicitly that the other files ' +
        'open without one.',
    )
  }
  return {
    coverage: everything ? 'all' : 'some',
    key: request.key,
    keyGroup: request.keyGroup ?? keyGroupName(request.bucket),
    behaviors: chosen,
  }
}

/** The plan's answer: the key and group, each chosen behavior, and what anyone can open. */
export async function planSigning(
  api: CloudFrontApi,
  choice: SigningChoice,
  context: { keys: KeyDirectory; bucket: string; existing?: DistributionConfig },
): Promise<SigningPlan> {
  if (choice.coverage === 'none') {
    const restricted = context.existing
      ? behaviorsOf(context.existing).filter((ref) => trustedGroupIds(ref.behavior).length > 0)
      : []
    if (restricted.length > 0) {
      // Never loosened here: lifting a restriction is a separate, deliberate step (detach).
      return {
        coverage: 'none',
        behaviors: [],
        summary:
          `The distribution Keyfront made earlier accepts only signed links on ${joinWords(restricted.map((r) => r.selector))}, ` +
          'and stays so: Keyfront lifts a restriction only when you detach its key group.',
      }
    }
    return {
      coverage: 'none',
      behaviors: [],
      summary: `No signed links: anyone who knows the distribution’s address can open every file in ${context.bucket}.`,
      openWarning:
        `Anyone who knows or guesses the distribution’s address can open every file in ${context.bucket}, ` +
        'without a signed link, and links you sign add nothing. To require signed links later, restrict it ' +
        '(Distributions → Restrict to signed links, or keyfront cloudfront onboard).',
    }
  }
  const key = usableKey(await context.keys.find(choice.key))
  const [publicKeys, groups] = await Promise.all([api.listPublicKeys(), api.listKeyGroups()])
  const { publicKey, group, keyGroupAction } = keyInGroupPlan(publicKeys, groups, key, choice.keyGroup)
  const groupId = group?.Id
  const behaviors: SigningPlan['behaviors'] = context.existing
    ? selectBehaviors(context.existing, choice.behaviors).map((ref) => ({
        selector: ref.selector,
        action: groupId && trustedGroupIds(ref.behavior).includes(groupId) ? 'unchanged' : 'restrict',
      }))
    : choice.behaviors.map((selector) => ({ selector, action: 'create' }))
  const some = choice.coverage === 'some'
  const paths = joinWords(choice.behaviors)
  return {
    coverage: choice.coverage,
    key: { id: key.id, name: key.name, fingerprint: key.fingerprint },
    publicKey,
    keyGroup: { action: keyGroupAction.action, ...(groupId && { id: groupId }), name: choice.keyGroup },
    behaviors,
    summary: some
      ? `Only links signed with “${key.name}” open files under ${paths}; every other file opens for anyone.`
      : `Only links signed with “${key.name}” open the files, on every path, from the moment the distribution exists.`,
    ...(some && {
      openWarning:
        `Anyone who knows or guesses the distribution’s address can open every file outside ${paths}, ` +
        'without a signed link.',
    }),
  }
}

export interface EnsuredSigning {
  key: KeySummary
  publicKey: EnsuredPublicKey
  group: EnsuredGroup
}

/** Uploads the key unless CloudFront has it, records its Key-Pair-Id, and puts it in the group. */
export async function ensureSigning(
  api: CloudFrontApi,
  choice: Extract<SigningChoice, { key: string }>,
  context: { keys: KeyDirectory; accountId: string },
): Promise<EnsuredSigning> {
  const { keys, accountId } = context
  const key = usableKey(await keys.find(choice.key))
  const publicKey = await ensurePublicKey(api, key, await keys.publicKeyPem(key.id))
  if (!key.uploads.some((u) => u.keyPairId === publicKey.id && u.accountId === accountId)) {
    await keys.recordUpload(key.id, { keyPairId: publicKey.id, accountId })
  }
  const group = await ensureKeyInGroup(api, choice.keyGroup, publicKey.id)
  return { key, publicKey, group }
}

function usableKey(key: KeySummary): KeySummary {
  if (key.legacy) {
    throw invalid(
      `“${key.name}” is a legacy CloudFront key pair, which key groups do not accept. Choose or create an ` +
        'RSA 2048 or ECDSA P-256 key.',
    )
  }
  return key
}

export function joinWords(words: string[]): string {
  const everyPath = words.length === 1 ? 'every path' : 'every other path'
  const named = words.map((w) => (w === DEFAULT_BEHAVIOR ? everyPath : w))
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? '')
}

function invalid(message: string): KeyfrontError {
  return new KeyfrontError('INVALID_INPUT', message)
}
