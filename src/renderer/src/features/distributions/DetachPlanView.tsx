// The plan to stop requiring signed links, as the user reviews it: the distribution, each path from
// the key groups it trusts now to those it will trust after, the consequences, and how to undo it.
import type { TrustPlan } from '../../../../shared/contract/cloudfront.ts'
import { TrustChanges } from './TrustChanges.tsx'

export function DetachPlanView({ plan }: { plan: TrustPlan }) {
  return (
    <>
      <dl className="facts dist-facts">
        <dt>Distribution</dt>
        <dd>
          <span className="mono">{plan.domainName}</span> ({plan.distributionId})
        </dd>
        <dt>Stop trusting</dt>
        <dd>
          the key group <span className="mono">{plan.keyGroup.name}</span>
        </dd>
      </dl>
      <TrustChanges plan={plan} />
      <p className="hint">
        Nothing else in the distribution changes, and the key group and its keys stay in CloudFront. To undo
        this, restrict the distribution to signed links again. Keyfront saves the change only if nobody
        changed the distribution since it was read.
      </p>
    </>
  )
}
