// Wizard step: the plan, computed by the core from the account as it is now, then applied on
// request. Applying is idempotent: after a failure, applying again finishes the job.
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { call, useAction, useRead } from '../../lib/server-state.ts'
import type { OnboardRequest, OnboardResult } from '../../../../shared/contract/cloudfront.ts'
import { PlanView } from './PlanView.tsx'

export function PlanReview(props: {
  request: OnboardRequest
  onApplied: (result: OnboardResult) => void
  onBack: () => void
}) {
  // A plan holds only for the moment it was read: never kept for a later visit to this step.
  const plan = useRead('cloudfront.planOnboard', props.request, { gcTime: 0 })
  const apply = useAction(async () => props.onApplied(await call('cloudfront.onboard', props.request)))
  if (plan.isFetching && !plan.data) return <p className="hint">Reading the distribution and your account…</p>
  return (
    <>
      <ErrorNotice error={plan.error} />
      {plan.data && <PlanView plan={plan.data} />}
      <ErrorNotice error={apply.error} />
      {apply.error !== undefined && (
        <p className="hint">Applying again is safe: what was already done is found and reused.</p>
      )}
      <div className="form-actions">
        {plan.data && (
          <button
            type="button"
            className="button primary"
            disabled={apply.busy}
            aria-busy={apply.busy}
            onClick={() => void apply.run()}
          >
            {apply.busy ? 'Applying…' : plan.data.changes ? 'Apply these changes' : 'Continue'}
          </button>
        )}
        <button type="button" className="button" disabled={apply.busy} onClick={props.onBack}>
          Back
        </button>
        {plan.isError && (
          <button type="button" className="button" onClick={() => void plan.refetch()}>
            Try again
          </button>
        )}
      </div>
    </>
  )
}
