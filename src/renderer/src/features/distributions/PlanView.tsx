// The onboarding plan as the user reviews it: the public key and key group steps, then each chosen
// behavior from who it trusts now to who it will trust — and the consequences, in plain words.
import type { OnboardPlan } from '../../../../shared/contract/cloudfront.ts'
import { behaviorLabel } from './format.ts'
import { TrustChips } from './TrustChips.tsx'

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
      <table>
        <caption className="visually-hidden">Who may read each path, now and after the change</caption>
        <thead>
          <tr>
            <th scope="col">Path</th>
            <th scope="col">Now</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {plan.behaviors.map((b) => (
            <tr key={b.selector} className={b.changes ? 'dist-changed' : undefined}>
              <td className="mono">{behaviorLabel(b.selector)}</td>
              <td>
                <TrustChips groups={b.before} trustedSigners={b.trustedSigners} />
              </td>
              <td>
                {b.changes ? <TrustChips groups={b.after} trustedSigners={b.trustedSigners} /> : 'No change'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.warnings.length > 0 && (
        <div className="notice notice-warn dist-warnings" role="note" aria-label="Before you apply">
          {plan.warnings.map((warning) => (
            <p key={warning}>{warning}</p>
          ))}
        </div>
      )}
      <p className="hint">
        Nothing else in the distribution changes. Keyfront saves it only if nobody changed it since it was
        read.
      </p>
    </>
  )
}
