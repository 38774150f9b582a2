// Wizard step: the plan, computed by the core from the account as it is now, then applied on
// request. Applying is idempotent: after a failure, applying again finishes the job.
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call } from '../../lib/bridge.ts'
import { useCall } from '../../lib/use-call.ts'
import type { OnboardRequest, OnboardResult } from '../../../../shared/contract/cloudfront.ts'
import { useAction } from '../../lib/use-action.ts'
import { PlanView } from './PlanView.tsx'

export function PlanReview(props: {
  request: OnboardRequest
  onApplied: (result: OnboardResult) => void
  onBack: () => void
}) {
  const plan = useCall('cloudfront.planOnboard', props.request, [JSON.stringify(props.request)])
  const apply = useAction(async () => props.onApplied(await call('cloudfront.onboard', props.request)))
  if (plan.loading) return <p className="hint">Reading the distribution and your account…</p>
  return (
    <>
      <ErrorNotice error={plan.error} />
      {plan.value && <PlanView plan={plan.value} />}
      <ErrorNotice error={apply.error} />
      {apply.error !== undefined && (
        <p className="hint">Applying again is safe: what was already done is found and reused.</p>
      )}
      <div className="form-actions">
        {plan.value && (
          <button
            type="button"
            className="button primary"
            disabled={apply.busy}
            aria-busy={apply.busy}
            onClick={() => void apply.run()}
          >
            {apply.busy ? 'Applying…' : plan.value.changes ? 'Apply these changes' : 'Continue'}
          </button>
        )}
        <button type="button" className="button" disabled={apply.busy} onClick={props.onBack}>
          Back
        </button>
        {plan.error !== undefined && (
          <button type="button" className="button" onClick={plan.reload}>
            Try again
          </button>
        )}
      </div>
    </>
  )
}
