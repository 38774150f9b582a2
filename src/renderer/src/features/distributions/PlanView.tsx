// The onboarding plan as the user reviews it: the public key and key group steps, then each chosen
// behavior from who it trusts now to who it will trust — the consequences in plain words, and how
// to undo it.
import type { OnboardPlan } from '../../../../shared/contract/cloudfront.ts'
import { TrustChanges } from './TrustChanges.tsx'
import { UndoRestrictionHint } from './UndoRestrictionHint.tsx'

export function PlanView({ plan }: { plan: OnboardPlan }) {
  const group = plan.keyGroup.name
  const keyStep =
    plan.publicKey.action === 'upload'
      ? `Upload the public half of “${plan.key.name}” to CloudFront (as “${plan.publicKey.name}”).`
      : `“${plan.key.name}” is already in CloudFront as ${plan.publicKey.id ?? ''}: reuse it.`
  const groupStep = {
    create: `Create the key group “${group}” with this key.`,
    'add-key': `Add the key to the key group “${group}” (${plan.keyGroupAction.keysAfter} of 5 keys).`,
    none: `The key group “${group}” already holds this key.`,
  }[plan.keyGroupAction.action]
  return (
    <>
      <dl className="facts dist-facts">
        <dt>Distribution</dt>
        <dd>
          <span className="mono">{plan.domainName}</span> ({plan.distributionId})
        </dd>
        <dt>AWS account</dt>
        <dd className="mono">{plan.accountId}</dd>
      </dl>
      <ol className="dist-plan-steps">
        <li>{keyStep}</li>
        <li>{groupStep}</li>
        <li>
          {plan.behaviors.some((b) => b.changes)
            ? 'Make these paths trust the key group:'
            : 'These paths already trust the key group:'}
        </li>
      </ol>
      <TrustChanges plan={plan} />
      <p className="hint">
        Nothing else in the distribution changes. Keyfront saves it only if nobody changed it since it was
        read.
      </p>
      <UndoRestrictionHint />
    </>
  )
}
